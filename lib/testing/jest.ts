// Typings for jest with the global `expect` of @types/jest (what `cdk8s init typescript-app` sets up): declaration
// merging on `jest.Matchers`, as https://jestjs.io/docs/expect#expectextendmatchers describes. Without @types/jest
// this only declares an unused namespace, so vitest users pay nothing for it.
import type { CalicoMatchers } from './matchers';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // Same type parameters as @types/jest's `interface Matchers<R, T = {}>` (merged declarations must agree).
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> extends CalicoMatchers<R> {}
    /** Asymmetric forms: `expect.toAllowTraffic(...)` inside `toEqual`. */
    interface Expect extends CalicoMatchers<any> {}
    /** `expect.not.toAllowTraffic(...)`. */
    interface InverseAsymmetricMatchers extends CalicoMatchers<any> {}
  }
}
