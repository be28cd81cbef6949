// Bad inputs to ClusterUser and the credentials functions (issue 11 items 1, 2 and 8).
import { ROWS } from './tables/credentials';
import { runBadInputs } from './harness';

runBadInputs(
  'credentials: ClusterUser, generateClientCredentials, renderKubeconfig, parseCsr, static token files',
  ROWS,
);
