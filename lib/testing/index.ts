/**
 * Test matchers for apps built with cdk8s-calico: `import { matchers } from 'cdk8s-calico/testing'`, then
 * `expect.extend(matchers)` and `expect(chart).toDenyTraffic({ from: '203.0.113.9', to: 'node/worker-1', port: 22 })`.
 * Importing this module also types the matchers on jest's global `expect` (@types/jest); vitest users import
 * `cdk8s-calico/testing/vitest`, `@jest/globals` users `cdk8s-calico/testing/jest-globals`.
 * @packageDocumentation
 */
import './jest';

export { matchers } from './matchers';
export type { CalicoMatchers, ExpectedArguments } from './matchers';
export { calicoMatchers } from '../analysis/network/traffic-matchers';
export { accessMatchers } from '../analysis/access/access-matchers';
export { podSecurityMatchers } from '../analysis/pod-security/pod-security-matchers';
export type { MatcherResult, TrafficMatcherOptions } from '../analysis/network/report/matchers';
export type { AccessMatcherResult } from '../analysis/access/access-matchers';
export type { TrafficQuery } from '../analysis/network/model/result';
export type { AccessQuery } from '../analysis/access/access-query';
export type { PodSecurityCheckOptions } from '../analysis/pod-security/check-pod-security';
