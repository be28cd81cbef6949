// CSR signer names: upstream ValidateSignerName (k8s.io/kubernetes pkg/apis/certificates/validation), one home for
// the CSR validator and the ClusterUser construct. Rows follow upstream's branches: required, not one '/', domain
// too long, first bad domain label only, fewer than two domain labels, first bad path label only, 571 in all.
import {
  describeSignerNameError,
  isKubernetesSignerName,
  SIGNER_NAME_MAX,
  signerNameErrors,
} from '../../../lib/model/primitives/signer-name';
import { validateSignerName } from '../../../lib/validation/kubernetes/certificates';
import { checkUserSignerName } from '../../../lib/access/credentials/signer-name';

const LABEL = 'a lowercase RFC 1123 label must consist of';
const SUBDOMAIN = 'a lowercase RFC 1123 subdomain must consist of';
const long = (n: number) => `${'x'.repeat(63)}.${'y'.repeat(n - 64)}`;

test.each<[string, string[]]>([
  ['example.com/signer-name', []],
  ['kubernetes.io/kube-apiserver-client', []],
  ['example.com/my-namespace.my-signer', []],
  ['example.com/Signer.With.Dots'.toLowerCase(), []],
  ['', ['Required value']],
  [
    'example.com',
    ['Invalid value: "example.com": must be a fully qualified domain and path of the form \'example.com/signer-name\''],
  ],
  [
    'example.com/a/b',
    [
      'Invalid value: "example.com/a/b": must be a fully qualified domain and path of the form \'example.com/signer-name\'',
    ],
  ],
  ['example/signer', ['Invalid value: "example": should be a domain with at least two segments separated by dots']],
  ['Example.COM/signer', [`Invalid value: "Example.COM": validating label "Example": ${LABEL}`]],
  [
    `${'a'.repeat(64)}.com/signer`,
    [
      `Invalid value: "${'a'.repeat(64)}.com": validating label "${'a'.repeat(64)}": must be no more than 63 characters`,
    ],
  ],
  ['.com/signer', [`Invalid value: ".com": validating label "": ${LABEL}`]],
  ['example.com/', [`Invalid value: "": validating label "": ${SUBDOMAIN}`]],
  ['example.com/a..b', [`Invalid value: "a..b": validating label "": ${SUBDOMAIN}`]],
  ['example.com/my_signer', [`Invalid value: "my_signer": validating label "my_signer": ${SUBDOMAIN}`]],
  [
    `${long(254)}/s`,
    [
      'Too long: may not be more than 253 bytes',
      `Invalid value: "${long(254)}": validating label "${'y'.repeat(190)}": must be no more than 63 characters`,
    ],
  ],
])('signerNameErrors(%j)', (name, expected) => {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Each message starts with the expected text (upstream's regex explanation follows the label messages).
  expect(signerNameErrors(name).map(describeSignerNameError)).toEqual(
    expected.map((e) => expect.stringMatching(new RegExp(`^${escape(e)}`))),
  );
});

test('571 characters pass, 572 are too long (a subdomain, a label and a subdomain)', () => {
  expect(SIGNER_NAME_MAX).toBe(571);
  const domain = `${['a', 'b', 'c'].map((c) => c.repeat(63)).join('.')}.${'d'.repeat(58)}`;
  const at = (n: number) => `${domain}/${'e'.repeat(200)}.${'f'.repeat(n - domain.length - 202)}`;
  expect(at(571)).toHaveLength(571);
  expect(signerNameErrors(at(571))).toEqual([]);
  expect(signerNameErrors(at(572))).toEqual([{ kind: 'too-long', max: 571 }]);
});

test('IsKubernetesSignerName: kubernetes.io and its subdomains only', () => {
  expect(['kubernetes.io/x', 'a.kubernetes.io/x', 'kubernetes.io'].map(isKubernetesSignerName)).toEqual([
    true,
    true,
    true,
  ]);
  expect(['example.com/kubernetes.io', 'notkubernetes.io/x'].map(isKubernetesSignerName)).toEqual([false, false]);
});

test('the CSR validator and the ClusterUser construct agree with the one function', () => {
  for (const name of ['example.com/a', 'example/a', 'Example.com/a', 'example.com/a/b', 'example.com/a..b']) {
    const refused = signerNameErrors(name).length > 0;
    expect(validateSignerName(name, 'spec.signerName').length > 0).toBe(refused);
    if (refused) expect(() => checkUserSignerName(name, 'c/U')).toThrow(/not of the form/);
    else expect(() => checkUserSignerName(name, 'c/U')).not.toThrow();
  }
});
