// Bad inputs to the access constructs and values (issue 11 items 1, 2 and 8).
import { ROWS } from './tables/access';
import { runBadInputs } from './harness';

runBadInputs('access: SecureNamespace, AccessRole, KubeNetworkPolicy, NetworkPeer, NetworkPort, Subject', ROWS);
