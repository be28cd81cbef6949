import { runBadInputs } from './harness';
import { ROWS } from './tables/cluster-network-policy';

runBadInputs('ClusterNetworkPolicy constructs and values refuse bad input with path, field and fix', ROWS);
