// The offline engines refuse what they cannot answer (issue 11, item 6): see tables/engines.ts.
import { ROWS } from './tables/engines';
import { runBadInputs } from './harness';

runBadInputs('engines: NetworkModel, NetworkPolicy conversion, Pod Security, RBAC', ROWS);
