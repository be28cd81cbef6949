// Every object any test synthesizes with Testing.synth is validated against the real Calico v3 CRD schemas
// (with their CEL rules), Calico's own validator rules and the Kubernetes API schemas. A test that synthesizes
// an invalid object fails here even if it asserts nothing about validity.
import { Chart, Testing } from 'cdk8s';
import { formatProblem, ValidationProblem, validateManifests } from '../../lib/validation';

const originalSynth = Testing.synth.bind(Testing);

Testing.synth = (chart: Chart): any[] => {
  const docs = originalSynth(chart);
  const problems = validateManifests(docs);
  if (problems.length > 0) {
    const lines = problems.map((p: ValidationProblem) => `  ${p.kind}/${p.name}: ${formatProblem(p)} [${p.rule}]`);
    throw new Error(`synthesized objects do not validate:\n${lines.join('\n')}`);
  }
  return docs;
};
