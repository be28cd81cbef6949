import { runBadInputs } from './harness';
import { ROWS } from './tables/selector';

runBadInputs('the Selector API refuses bad input with API name, argument and fix', ROWS);
