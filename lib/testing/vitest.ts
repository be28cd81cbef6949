// Typings for vitest 3.2 to 4.x: declaration merging on vitest's `Matchers`, which covers `expect(x).*`, `expect.*`
// and `expect.extend` at once (https://vitest.dev/guide/extending-matchers). The runtime is the same matcher set:
// `import { matchers } from 'cdk8s-calico/testing/vitest'; expect.extend(matchers);`.
/// <reference types="vitest" preserve="true" />
import type { CalicoMatchers } from './matchers';

declare module 'vitest' {
  // Same type parameters as vitest 4's `interface Matchers<T = any>` (merged declarations must agree).
  interface Matchers<T = any> extends CalicoMatchers<void> {}
}

export { matchers } from './matchers';
export type { CalicoMatchers, ExpectedArguments } from './matchers';
