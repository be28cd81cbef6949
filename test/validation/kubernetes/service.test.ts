// ValidateService truth table: valid variants that must pass, and the problems of invalid ones (path only; the
// wording is checked in test/boundary/tables/builtin-kinds.ts).
import { service } from './fixtures';
import { k8sProblems, problemPaths } from './helpers';

describe('valid Services pass', () => {
  test.each([
    ['headless without ports', { clusterIP: 'None', ports: [] }],
    ['ExternalName with a trailing dot', { type: 'ExternalName', externalName: 'db.example.com.', ports: [] }],
    [
      'NodePort with nodePort and Local traffic',
      { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 30080 }] },
    ],
    [
      'LoadBalancer with source ranges and health check port',
      {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 30999,
        loadBalancerSourceRanges: [' 203.0.113.0/24 '],
        ports: [{ port: 443 }],
      },
    ],
    [
      'ClusterIP with externalIPs and externalTrafficPolicy',
      { externalIPs: ['203.0.113.7'], externalTrafficPolicy: 'Cluster' },
    ],
    [
      'targetPort 0 and "" (defaulted to port)',
      {
        ports: [
          { name: 'a', port: 80, targetPort: 0 },
          { name: 'b', port: 81, targetPort: '' },
        ],
      },
    ],
    ['named targetPort', { ports: [{ port: 80, targetPort: 'http' }] }],
    [
      'same port over TCP and UDP',
      {
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        ],
      },
    ],
    [
      'ClientIP affinity with a timeout',
      { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } },
    ],
    [
      'dual-stack clusterIPs',
      { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::10'], ipFamilyPolicy: 'PreferDualStack' },
    ],
    ['an empty clusterIP (allocated)', { clusterIP: '' }],
    ['an appProtocol with a prefix', { ports: [{ port: 80, appProtocol: 'kubernetes.io/h2c' }] }],
  ])('%s', (_name, spec) => {
    expect(problemPaths(service(spec))).toEqual([]);
  });
});

describe('invalid Services', () => {
  test.each([
    [{ clusterIP: 'nope', ports: [{ port: 70000 }] }, ['spec.clusterIP', 'spec.ports[0].port']],
    [
      { type: 'ExternalName', externalName: 'db.example.com', clusterIP: 'None', ipFamilies: ['IPv4'] },
      ['spec.clusterIP', 'spec.ipFamilies'],
    ],
    [
      {
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 80, protocol: 'TCP' },
        ],
      },
      ['spec.ports[1]'],
    ],
    [{ ports: [{ port: 80, nodePort: 30000 }] }, ['spec.ports[0].nodePort']],
  ])('%j', (spec, paths) => {
    expect(k8sProblems(service(spec)).map((p) => p.slice(0, p.indexOf(': ')))).toEqual(paths);
  });
});
