// Bad command lines: every usage mistake answers exit 2 with what is wrong and the fix (the closest command, option or
// format where there is one), never a stack trace.
import { ROWS } from './tables/cli-args';
import { runBadInputs } from './harness';

runBadInputs('command lines', ROWS);
