import { ValidationProblem } from '../problem';

/**
 * Calico's own validation rules (libcalico-go validator v3, clientv3 defaulting checks) that the CRD schemas
 * do not encode, applied to one plain object. Objects of other API groups yield no problems.
 *
 * PLACEHOLDER: replaced by the full rule set.
 */
export function checkCalicoRules(_doc: any): ValidationProblem[] {
  return [];
}
