import { runBadInputs } from './harness';
import { ROWS } from './tables/network';

runBadInputs('network constructs refuse bad input with path, field and fix', ROWS);
