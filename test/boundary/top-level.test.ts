// Bad arguments to the top-level functions lintManifests and validateManifests (issue 11 items 1, 2 and 8).
import { ROWS } from './tables/top-level';
import { runBadInputs } from './harness';

runBadInputs('top-level: lintManifests, validateManifests options, FlannelNetwork name', ROWS);
