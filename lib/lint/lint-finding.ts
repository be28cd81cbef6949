import { ValidationProblem } from '../validation/problem';

/**
 * One lint finding: valid YAML that is probably not what its author meant. Same shape as a validation problem
 * (`kind`, `name`, `namespace?`, `path`, `message` with its fix, `rule`), so tools print both alike.
 */
export type LintFinding = ValidationProblem;
