// Reading manifests: missing paths, links that dangle or loop, unreadable folders, empty folders, bytes that are not
// UTF-8, YAML and JSON that do not parse, huge or deep inputs: every command that reads files answers exit 2 with the
// path, what is wrong and the fix.
import { ROWS } from './tables/reading';
import { cleanupReadingFixtures } from './tables/reading';
import { runBadInputs } from './harness';

afterAll(() => cleanupReadingFixtures());
runBadInputs('reading manifests', ROWS);
