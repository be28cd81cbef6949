// Typings for jest's own `expect` (`import { expect } from '@jest/globals'`): declaration merging on the `expect`
// package's `Matchers` and `AsymmetricMatchers`, as https://jestjs.io/docs/expect#expectextendmatchers shows.
/// <reference types="expect" preserve="true" />
import type { CalicoMatchers } from './matchers';

declare module 'expect' {
  // Same type parameters as expect 30's `interface Matchers<R extends void | Promise<void>, T = unknown>`.
  interface Matchers<R extends void | Promise<void>, T = unknown> extends CalicoMatchers<R> {}
  interface AsymmetricMatchers extends CalicoMatchers<void> {}
}

export * from './index';
