import { runBadInputs } from './harness';
import { ROWS } from './tables/policy';

runBadInputs('policy values and constructs refuse bad input with path, field and fix', ROWS);
