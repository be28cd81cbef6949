import { ROWS } from './tables/calico-rules';
import { runBadInputs } from './harness';

runBadInputs('Calico objects upstream refuses (validateManifests)', ROWS);
