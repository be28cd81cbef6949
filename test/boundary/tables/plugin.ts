// Mistakes in the `properties:` of the CalicoValidation entry of cdk8s.yaml (values read from YAML), and manifests
// the plugin cannot read: refused with the property and the fix, or reported in cdk8s's report, never a crash.
import { CalicoValidation } from '../../../lib/plugin';
import { BadInput, call } from '../harness';

const x = (v: unknown): any => v;
const plugin = (props: unknown) => () => new CalicoValidation(x(props));

export const ROWS: BadInput[] = [
  call('properties a string', plugin('failOn: error'), 'CalicoValidation', 'properties', 'the string'),
  call(
    'properties misspelt failon',
    plugin({ failon: 'error' }),
    'CalicoValidation',
    'failon',
    'did you mean "failOn"',
  ),
  call('failOn fatal', plugin({ failOn: 'fatal' }), 'CalicoValidation', 'properties.failOn', '"fatal"'),
  call(
    'clusterNetworkPolicyChannel Standard (case slip)',
    plugin({ clusterNetworkPolicyChannel: 'Standard' }),
    'CalicoValidation',
    'properties.clusterNetworkPolicyChannel',
    'did you mean "standard"',
  ),
  call('failOn Error (case slip)', plugin({ failOn: 'Error' }), 'CalicoValidation', 'properties.failOn', 'error'),
  call(
    'disable a string, not a list',
    plugin({ disable: 'lint.staged-policy' }),
    'CalicoValidation',
    'properties.disable',
    'the string',
  ),
  call(
    'disable an unknown rule',
    plugin({ disable: ['lint.no-such-rule'] }),
    'CalicoValidation',
    'properties.disable[0]',
    'lint.no-such-rule',
  ),
  call(
    'lint "false" (a string from YAML quoting)',
    plugin({ lint: 'false' }),
    'CalicoValidation',
    'properties.lint',
    'the string "false"',
  ),
  call('kubernetes 0', plugin({ kubernetes: 0 }), 'CalicoValidation', 'properties.kubernetes', 'got 0'),
  call('lockout null', plugin({ lockout: null }), 'CalicoValidation', 'properties.lockout', 'null'),
  call('crds a number', plugin({ crds: 3 }), 'CalicoValidation', 'properties.crds', 'got 3'),
];
