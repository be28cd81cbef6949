/** The lint's finding type; named in lib/validation/problem.ts so the engines need not import the lint. */
export type { LintFinding } from '../validation/problem';
