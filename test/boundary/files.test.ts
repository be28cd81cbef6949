// Safe writes: every file-writing entry point (CLI --output and csr, generateClientCredentials, writeKubeconfig).
import { ROWS } from './tables/files';
import { cleanupFileFixtures } from './tables/files';
import { runBadInputs } from './harness';

afterAll(() => cleanupFileFixtures());
runBadInputs('safe writes', ROWS);
