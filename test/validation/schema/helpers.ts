// Shared helpers of the schema validation tests.
import { resolveCrdsDir, ValidationProblem } from '../../../lib/validation';

/** The CRD directory every test uses (CALICO_CRDS_DIR, else the vendored crds/calico/v3). */
export function crdsDir(): string {
  const dir = resolveCrdsDir();
  if (!dir) {
    throw new Error('projectcalico.org/v3 CRDs not found: set CALICO_CRDS_DIR or restore the vendored crds/calico/v3');
  }
  return dir;
}

/** A projectcalico.org/v3 object. */
export function calico(kind: string, spec: unknown, metadata: Record<string, unknown> = { name: 'test' }): any {
  return { apiVersion: 'projectcalico.org/v3', kind, metadata, spec };
}

/** Problems found by the schema layers of this module (CRD schema, ObjectMeta, CEL, Kubernetes schema, document). */
export function schemaProblems(problems: ValidationProblem[]): ValidationProblem[] {
  return problems.filter(
    (p) =>
      p.rule === 'cel' || p.rule.startsWith('schema.') || p.rule === 'k8s.schema' || p.rule === 'calico.api-version',
  );
}

/**
 * `path: message [rule]` lines, for readable assertions of kube-apiserver's wording. Every problem must end in a fix
 * (lib/validation/problem-fix.ts derives one for schema and CEL messages: tested in problem-fix.test.ts); the derived
 * fix is checked here and left out of the line, so the wording stays comparable with kube-apiserver's.
 */
export function lines(problems: ValidationProblem[]): string[] {
  return problems.map((p) => `${p.path}: ${withoutFix(p.message)} [${p.rule}]`);
}

/** The message without its `; fix: ...`; throws when it has none. */
export function withoutFix(message: string): string {
  const at = message.indexOf('; fix: ');
  if (at < 0) throw new Error(`problem without a fix: ${message}`);
  return message.slice(0, at);
}
