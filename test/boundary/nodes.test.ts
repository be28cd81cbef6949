import { runBadInputs } from './harness';
import { ROWS } from './tables/nodes';

runBadInputs('node protection refuses bad input with path, field and fix', ROWS);
