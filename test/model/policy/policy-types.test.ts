// Calico's `spec.types` defaulting (api/pkg/defaults/networkpolicy.go), one function, one table; and the written
// types winning over it.
import { defaultPolicyTypes, policyDirections } from '../../../lib/model/policy/policy-types';

describe('defaultPolicyTypes: the types Calico stores when spec.types is empty', () => {
  test.each([
    // ingress rules, egress rules -> Ingress, Egress
    [false, false, true, false], // no rules: an ingress deny-all
    [true, false, true, false],
    [false, true, false, true], // egress rules only: egress only, ingress not policed
    [true, true, true, true],
  ])('ingress rules %s, egress rules %s -> Ingress %s, Egress %s', (hasIngress, hasEgress, ingress, egress) => {
    expect(defaultPolicyTypes(hasIngress, hasEgress)).toEqual({ ingress, egress });
  });
});

describe('policyDirections: written types first, the default when none is Ingress or Egress', () => {
  test.each([
    [['Ingress'], false, true, true, false],
    [['Egress'], true, false, false, true],
    [['Egress', 'Ingress'], false, false, true, true],
    [['Ingress', 'Ingress'], false, true, true, false],
    [[], false, true, false, true], // empty: defaulted
    [['Sideways'], true, true, true, true], // nothing known: defaulted (validation refuses the value)
    [['Sideways', 'Egress'], true, false, false, true],
  ])(
    'types %j, ingress rules %s, egress rules %s -> Ingress %s, Egress %s',
    (types, hasIngress, hasEgress, ingress, egress) => {
      expect(policyDirections(types, hasIngress, hasEgress)).toEqual({ ingress, egress });
    },
  );

  test('the result is shared, not allocated per call (the lint reads every policy of 300,000 documents)', () => {
    expect(policyDirections([], true, false)).toBe(defaultPolicyTypes(true, false));
    expect(Object.isFrozen(defaultPolicyTypes(false, true))).toBe(true);
  });
});
