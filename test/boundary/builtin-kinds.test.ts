import { runBadInputs } from './harness';
import { ROWS } from './tables/builtin-kinds';

runBadInputs('built-in kinds: kube-apiserver object validation', ROWS);
