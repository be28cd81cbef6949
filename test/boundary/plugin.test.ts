// Bad properties of the cdk8s validation plugin (cdk8s.yaml `validations:`).
import { ROWS } from './tables/plugin';
import { runBadInputs } from './harness';

runBadInputs('plugin: CalicoValidation properties', ROWS);
