import { runBadInputs } from './harness';
import { ROWS } from './tables/synth';

runBadInputs("synth runs validateObject on each construct's output", ROWS);
