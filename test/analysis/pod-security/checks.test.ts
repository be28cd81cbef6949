// Each check with hand-written pods: the field it flags, the values it accepts, and where its behaviour changes with
// the policy version. Expected values follow upstream's policy/check_*.go and their *_test.go tables.
import { PodSecurityLevel } from '../../../lib/access';
import {
  checkPodSecurity,
  describePodSecurityResult,
  podSecurityCheckCatalog,
  podSecurityProblems,
} from '../../../lib/analysis/pod-security';

type Spec = Record<string, any>;

const pod = (spec: Spec, metadata: Record<string, any> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ...metadata },
  spec,
});

/** A pod that passes restricted at every version. */
function restrictedSpec(): Spec {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      { name: 'c', image: 'x', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
    ],
  };
}

/** `check fieldPath` of every violation. */
function found(subject: unknown, level: string, version = 'latest'): string[] {
  return checkPodSecurity(subject, level, { version }).violations.map((v) => `${v.check} ${v.fieldPath}`);
}

describe('baseline: the flagged field of each check', () => {
  const base = (): Spec => ({ containers: [{ name: 'c', image: 'x' }] });
  const sc = (securityContext: Spec): Spec => ({ containers: [{ name: 'c', image: 'x', securityContext }] });
  const rows: Array<[string, Spec, Record<string, any> | undefined, string[]]> = [
    [
      'hostProcess on the pod',
      { ...base(), hostNetwork: false, securityContext: { windowsOptions: { hostProcess: true } } },
      undefined,
      ['windowsHostProcess spec.securityContext.windowsOptions.hostProcess'],
    ],
    [
      'hostProcess on a container',
      sc({ windowsOptions: { hostProcess: true } }),
      undefined,
      ['windowsHostProcess spec.containers[0].securityContext.windowsOptions.hostProcess'],
    ],
    [
      'hostNetwork, hostPID, hostIPC',
      { ...base(), hostNetwork: true, hostPID: true, hostIPC: true },
      undefined,
      ['hostNamespaces spec.hostNetwork', 'hostNamespaces spec.hostPID', 'hostNamespaces spec.hostIPC'],
    ],
    [
      'privileged ephemeral container',
      { ...base(), ephemeralContainers: [{ name: 'debug', image: 'x', securityContext: { privileged: true } }] },
      undefined,
      ['privileged spec.ephemeralContainers[0].securityContext.privileged'],
    ],
    [
      'NET_RAW added',
      sc({ capabilities: { add: ['NET_RAW'] } }),
      undefined,
      ['capabilities_baseline spec.containers[0].securityContext.capabilities.add'],
    ],
    [
      'lower-case and CAP_-prefixed names are not the allowed ones',
      sc({ capabilities: { add: ['chown', 'CAP_CHOWN'] } }),
      undefined,
      ['capabilities_baseline spec.containers[0].securityContext.capabilities.add'],
    ],
    [
      'hostPath volume',
      {
        ...base(),
        volumes: [
          { name: 'ok', emptyDir: {} },
          { name: 'h', hostPath: { path: '/' } },
        ],
      },
      undefined,
      ['hostPathVolumes spec.volumes[1].hostPath'],
    ],
    [
      'hostPort',
      { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 81 }] }] },
      undefined,
      ['hostPorts spec.containers[0].ports[1].hostPort'],
    ],
    [
      'AppArmor annotation unconfined',
      base(),
      { annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' } },
      ['appArmorProfile metadata.annotations[container.apparmor.security.beta.kubernetes.io/c]'],
    ],
    [
      'AppArmor field Unconfined on pod and container',
      {
        ...sc({ appArmorProfile: { type: 'Unconfined' } }),
        securityContext: { appArmorProfile: { type: 'Unconfined' } },
      },
      undefined,
      [
        'appArmorProfile spec.securityContext.appArmorProfile.type',
        'appArmorProfile spec.containers[0].securityContext.appArmorProfile.type',
      ],
    ],
    [
      'SELinux type, user and role',
      { ...sc({ seLinuxOptions: { role: 'r' } }), securityContext: { seLinuxOptions: { type: 'spc_t', user: 'u' } } },
      undefined,
      [
        'seLinuxOptions spec.securityContext.seLinuxOptions.type',
        'seLinuxOptions spec.securityContext.seLinuxOptions.user',
        'seLinuxOptions spec.containers[0].securityContext.seLinuxOptions.role',
      ],
    ],
    [
      'Unmasked /proc in an init container',
      { ...base(), initContainers: [{ name: 'i', image: 'x', securityContext: { procMount: 'Unmasked' } }] },
      undefined,
      ['procMount spec.initContainers[0].securityContext.procMount'],
    ],
    [
      'Unconfined seccomp',
      { ...base(), securityContext: { seccompProfile: { type: 'Unconfined' } } },
      undefined,
      ['seccompProfile_baseline spec.securityContext.seccompProfile.type'],
    ],
    [
      'unsafe sysctl',
      {
        ...base(),
        securityContext: {
          sysctls: [
            { name: 'net.ipv4.tcp_syncookies', value: '1' },
            { name: 'kernel.msgmax', value: '1' },
          ],
        },
      },
      undefined,
      ['sysctls spec.securityContext.sysctls[1].name'],
    ],
    [
      'probe and hook hosts',
      {
        containers: [
          {
            name: 'c',
            image: 'x',
            readinessProbe: { tcpSocket: { host: '10.0.0.1', port: 80 } },
            lifecycle: { preStop: { httpGet: { host: 'x', port: 80 } } },
          },
        ],
      },
      undefined,
      [
        'hostProbesAndHostLifecycle spec.containers[0].readinessProbe.tcpSocket.host',
        'hostProbesAndHostLifecycle spec.containers[0].lifecycle.preStop.httpGet.host',
      ],
    ],
  ];
  test.each(rows)('%s', (_name, spec, metadata, want) => {
    expect(found(pod(spec, metadata), 'baseline')).toEqual(want);
    expect(checkPodSecurity(pod(spec, metadata), 'privileged').violations).toEqual([]);
  });

  test('allowed values pass', () => {
    const spec: Spec = {
      hostNetwork: false,
      hostPID: false,
      hostIPC: false,
      securityContext: {
        seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' },
        appArmorProfile: { type: 'RuntimeDefault' },
        seLinuxOptions: { type: 'container_t', level: 's0:c1' },
        windowsOptions: { hostProcess: false },
        sysctls: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start'].map(
          (name) => ({ name, value: '0' }),
        ),
      },
      volumes: [{ name: 'e', emptyDir: {} }],
      containers: [
        {
          name: 'c',
          image: 'x',
          ports: [{ containerPort: 80, hostPort: 0 }],
          livenessProbe: { httpGet: { port: 80, host: '' } },
          securityContext: {
            privileged: false,
            procMount: 'Default',
            appArmorProfile: { type: 'Localhost', localhostProfile: 'p' },
            seccompProfile: { type: 'RuntimeDefault' },
            capabilities: {
              add: [
                'AUDIT_WRITE',
                'CHOWN',
                'DAC_OVERRIDE',
                'FOWNER',
                'FSETID',
                'KILL',
                'MKNOD',
                'NET_BIND_SERVICE',
                'SETFCAP',
                'SETGID',
                'SETPCAP',
                'SETUID',
                'SYS_CHROOT',
              ],
            },
          },
        },
      ],
    };
    const metadata = {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/c': 'localhost/p',
        'container.apparmor.security.beta.kubernetes.io/d': 'runtime/default',
      },
    };
    expect(found(pod(spec, metadata), 'baseline')).toEqual([]);
  });
});

describe('restricted', () => {
  test('the restricted pod passes and is not flagged by baseline checks either', () => {
    expect(found(pod(restrictedSpec()), 'restricted')).toEqual([]);
    expect(found(pod(restrictedSpec()), 'baseline')).toEqual([]);
  });

  const tweak = (f: (s: Spec) => void): Spec => {
    const s = restrictedSpec();
    f(s);
    return s;
  };
  const rows: Array<[string, Spec, string[]]> = [
    [
      'nfs volume',
      tweak((s) => {
        s.volumes = [{ name: 'n', nfs: { server: 's', path: '/' } }];
      }),
      ['restrictedVolumes spec.volumes[0].nfs'],
    ],
    [
      'hostPath is reported by restrictedVolumes, which replaces hostPathVolumes',
      tweak((s) => {
        s.volumes = [{ name: 'h', hostPath: { path: '/' } }];
      }),
      ['restrictedVolumes spec.volumes[0].hostPath'],
    ],
    [
      'allowPrivilegeEscalation unset',
      tweak((s) => {
        delete s.containers[0].securityContext.allowPrivilegeEscalation;
      }),
      ['allowPrivilegeEscalation spec.containers[0].securityContext.allowPrivilegeEscalation'],
    ],
    [
      'no runAsNonRoot anywhere',
      tweak((s) => {
        delete s.securityContext.runAsNonRoot;
      }),
      ['runAsNonRoot spec.securityContext.runAsNonRoot'],
    ],
    [
      'runAsNonRoot=false on a container overrides the pod',
      tweak((s) => {
        s.containers[0].securityContext.runAsNonRoot = false;
      }),
      ['runAsNonRoot spec.containers[0].securityContext.runAsNonRoot'],
    ],
    [
      'runAsUser 0 on pod and container',
      tweak((s) => {
        s.securityContext.runAsUser = 0;
        s.containers[0].securityContext.runAsUser = 0;
      }),
      ['runAsUser spec.securityContext.runAsUser', 'runAsUser spec.containers[0].securityContext.runAsUser'],
    ],
    [
      'no seccomp profile',
      tweak((s) => {
        delete s.securityContext.seccompProfile;
      }),
      ['seccompProfile_restricted spec.securityContext.seccompProfile.type'],
    ],
    [
      'Unconfined seccomp on a container is reported once, by the restricted check',
      tweak((s) => {
        s.containers[0].securityContext.seccompProfile = { type: 'Unconfined' };
      }),
      ['seccompProfile_restricted spec.containers[0].securityContext.seccompProfile.type'],
    ],
    [
      'capabilities not dropped',
      tweak((s) => {
        s.containers[0].securityContext.capabilities = { drop: ['NET_RAW'] };
      }),
      ['capabilities_restricted spec.containers[0].securityContext.capabilities.drop'],
    ],
    [
      'CHOWN added: only capabilities_restricted reports it',
      tweak((s) => {
        s.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE', 'CHOWN'];
      }),
      ['capabilities_restricted spec.containers[0].securityContext.capabilities.add'],
    ],
    [
      'Unmasked /proc: procMount_restricted replaces procMount',
      tweak((s) => {
        s.containers[0].securityContext.procMount = 'Unmasked';
      }),
      ['procMount_restricted spec.containers[0].securityContext.procMount'],
    ],
  ];
  test.each(rows)('%s', (_name, spec, want) => {
    expect(found(pod(spec), 'restricted')).toEqual(want);
  });

  test('allowed: image, CSI and source-less volumes; NET_BIND_SERVICE; seccomp on every container without the pod', () => {
    const s = restrictedSpec();
    s.volumes = [{ name: 'i', image: { reference: 'r' } }, { name: 'c', csi: { driver: 'd' } }, { name: 'bare' }];
    s.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE'];
    delete s.securityContext.seccompProfile;
    s.containers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'x' };
    s.containers[0].securityContext.runAsUser = 1000;
    expect(found(pod(s), 'restricted')).toEqual([]);
  });
});

describe('version boundaries', () => {
  const withSpec = (f: (s: Spec) => void) => {
    const s = restrictedSpec();
    f(s);
    return pod(s);
  };
  // [what, subject, level, last version where it is allowed, first version where it is refused, check]
  const rows: Array<[string, unknown, string, string, string, string]> = [
    [
      'allowPrivilegeEscalation exists from v1.8',
      withSpec((s) => {
        delete s.containers[0].securityContext.allowPrivilegeEscalation;
      }),
      'restricted',
      'v1.7',
      'v1.8',
      'allowPrivilegeEscalation',
    ],
    [
      'seccompProfile_restricted exists from v1.19',
      withSpec((s) => {
        delete s.securityContext.seccompProfile;
      }),
      'restricted',
      'v1.18',
      'v1.19',
      'seccompProfile_restricted',
    ],
    [
      'capabilities_restricted exists from v1.22',
      withSpec((s) => {
        delete s.containers[0].securityContext.capabilities;
      }),
      'restricted',
      'v1.21',
      'v1.22',
      'capabilities_restricted',
    ],
    [
      'runAsUser exists from v1.23',
      withSpec((s) => {
        s.securityContext.runAsUser = 0;
      }),
      'restricted',
      'v1.22',
      'v1.23',
      'runAsUser',
    ],
    [
      'SELinux container_engine_t is allowed from v1.31',
      withSpec((s) => {
        s.securityContext.seLinuxOptions = { type: 'container_engine_t' };
      }),
      'baseline',
      'v1.31',
      'v1.30',
      'seLinuxOptions',
    ],
    [
      'ip_local_reserved_ports is safe from v1.27',
      withSpec((s) => {
        s.securityContext.sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1' }];
      }),
      'baseline',
      'v1.27',
      'v1.26',
      'sysctls',
    ],
    [
      'tcp_keepalive_time is safe from v1.29',
      withSpec((s) => {
        s.securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '1' }];
      }),
      'baseline',
      'v1.29',
      'v1.28',
      'sysctls',
    ],
    [
      'tcp_rmem is safe from v1.32',
      withSpec((s) => {
        s.securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '1' }];
      }),
      'baseline',
      'v1.32',
      'v1.31',
      'sysctls',
    ],
    [
      'tcp_notsent_lowat is safe from v1.37',
      withSpec((s) => {
        s.securityContext.sysctls = [{ name: 'net.ipv4.tcp_notsent_lowat', value: '1' }];
      }),
      'baseline',
      'v1.37',
      'v1.36',
      'sysctls',
    ],
    [
      'probe hosts are forbidden from v1.34',
      withSpec((s) => {
        s.containers[0].livenessProbe = { httpGet: { host: 'h', port: 80 } };
      }),
      'baseline',
      'v1.33',
      'v1.34',
      'hostProbesAndHostLifecycle',
    ],
  ];
  test.each(rows)('%s', (_what, subject, level, allowedAt, refusedAt, check) => {
    expect(checkPodSecurity(subject, level, { version: allowedAt }).allowed).toBe(true);
    expect(checkPodSecurity(subject, level, { version: refusedAt }).violations.map((v) => v.check)).toEqual([check]);
  });

  test('before v1.19 seccomp is read from the alpha annotations, from v1.19 from the field', () => {
    const annotated = pod(
      { containers: [{ name: 'c', image: 'x' }] },
      {
        annotations: {
          'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',
          'container.seccomp.security.alpha.kubernetes.io/c': 'docker/default',
        },
      },
    );
    expect(found(annotated, 'baseline', 'v1.18')).toEqual([
      'seccompProfile_baseline metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]',
    ]);
    expect(found(annotated, 'baseline', 'v1.19')).toEqual([]);
    const field = pod({
      containers: [{ name: 'c', image: 'x', securityContext: { seccompProfile: { type: 'Unconfined' } } }],
    });
    expect(found(field, 'baseline', 'v1.18')).toEqual([]);
    expect(found(field, 'baseline', 'v1.19')).toEqual([
      'seccompProfile_baseline spec.containers[0].securityContext.seccompProfile.type',
    ]);
  });

  test('v1.25: Windows pods skip allowPrivilegeEscalation, seccompProfile_restricted and capabilities_restricted', () => {
    const windows = pod({
      os: { name: 'windows' },
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'c', image: 'x' }],
    });
    expect(found(windows, 'restricted', 'v1.24').map((f) => f.split(' ')[0])).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'seccompProfile_restricted',
    ]);
    expect(found(windows, 'restricted', 'v1.25')).toEqual([]);
    // A Linux pod gets no exemption.
    const linux = pod({
      os: { name: 'linux' },
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'c', image: 'x' }],
    });
    expect(found(linux, 'restricted', 'v1.25')).toHaveLength(3);
  });

  test('v1.35: hostUsers false relaxes runAsNonRoot, runAsUser and baseline procMount, not procMount_restricted', () => {
    const userNs = pod({
      hostUsers: false,
      securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'c',
          image: 'x',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount: 'Unmasked' },
        },
      ],
    });
    expect(found(userNs, 'restricted', 'v1.34').map((f) => f.split(' ')[0])).toEqual([
      'procMount',
      'runAsNonRoot',
      'runAsUser',
    ]);
    expect(found(userNs, 'restricted', 'v1.35')).toEqual([
      'procMount_restricted spec.containers[0].securityContext.procMount',
    ]);
    expect(found(userNs, 'baseline', 'v1.34')).toEqual(['procMount spec.containers[0].securityContext.procMount']);
    expect(found(userNs, 'baseline', 'v1.35')).toEqual([]);
    // hostUsers: true is no user namespace.
    const hostUsers = pod({ ...userNs.spec, hostUsers: true });
    expect(found(hostUsers, 'baseline', 'v1.35')).toEqual(['procMount spec.containers[0].securityContext.procMount']);
  });

  test('latest and versions newer than the newest policy change evaluate at v1.37; v1.0 is the oldest', () => {
    const p = pod(restrictedSpec());
    expect(checkPodSecurity(p, 'restricted').evaluatedVersion).toBe('v1.37');
    expect(checkPodSecurity(p, 'restricted', { version: 'v1.99' })).toMatchObject({
      version: 'v1.99',
      evaluatedVersion: 'v1.37',
    });
    expect(checkPodSecurity(p, 'restricted', { version: 'v1.0' })).toMatchObject({
      allowed: true,
      evaluatedVersion: 'v1.0',
    });
    const nearLatest = pod({
      securityContext: { sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' }] },
      containers: [{ name: 'c', image: 'x' }],
    });
    expect(checkPodSecurity(nearLatest, 'baseline', { version: 'v1.40' }).allowed).toBe(true);
    expect(checkPodSecurity(nearLatest, 'baseline', { version: 'v1.36' }).allowed).toBe(false);
  });
});

describe('upstream unit-test tables', () => {
  // policy/check_runAsNonRoot_test.go TestRunAsNonRoot (runAsNonRoot1_35): reason and the containers named.
  const table: Array<[string, Spec, boolean, string[]]> = [
    [
      'no explicit runAsNonRoot',
      { containers: [{ name: 'a' }] },
      false,
      ['pod or container "a" must set securityContext.runAsNonRoot=true'],
    ],
    [
      'pod runAsNonRoot=false',
      { securityContext: { runAsNonRoot: false }, containers: [{ name: 'a', securityContext: null }] },
      false,
      ['pod must not set securityContext.runAsNonRoot=false'],
    ],
    [
      'containers runAsNonRoot=false',
      {
        securityContext: { runAsNonRoot: true },
        containers: [
          { name: 'a', securityContext: null },
          { name: 'b', securityContext: {} },
          { name: 'c', securityContext: { runAsNonRoot: false } },
          { name: 'd', securityContext: { runAsNonRoot: false } },
          { name: 'e', securityContext: { runAsNonRoot: true } },
          { name: 'f', securityContext: { runAsNonRoot: true } },
        ],
      },
      false,
      [
        'container "c" must not set securityContext.runAsNonRoot=false',
        'container "d" must not set securityContext.runAsNonRoot=false',
      ],
    ],
    [
      'pod nil, container fallthrough',
      {
        containers: [
          { name: 'a', securityContext: null },
          { name: 'b', securityContext: {} },
          { name: 'd', securityContext: { runAsNonRoot: true } },
          { name: 'e', securityContext: { runAsNonRoot: true } },
        ],
      },
      false,
      ['pod or containers "a", "b" must set securityContext.runAsNonRoot=true'],
    ],
    ['host users false allowed', { hostUsers: false }, true, []],
  ];
  test.each(table)('runAsNonRoot: %s', (_name, spec, allowed, messages) => {
    const v = checkPodSecurity(pod(spec), 'restricted').violations.filter((x) => x.check === 'runAsNonRoot');
    expect(v.length === 0).toBe(allowed);
    expect(v.map((x) => x.message)).toEqual(messages);
    for (const x of v) expect(x.reason).toBe('runAsNonRoot != true');
  });

  // policy/check_capabilities_restricted_test.go TestCapabilitiesRestricted_1_25.
  test('capabilities_restricted: multiple containers, then Windows and Linux pods', () => {
    const spec = {
      containers: [
        { name: 'a', securityContext: { capabilities: { add: ['FOO', 'BAR'] } } },
        { name: 'b', securityContext: { capabilities: { add: ['BAR', 'BAZ'] } } },
        { name: 'c', securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'], drop: ['ALL', 'FOO'] } } },
      ],
    };
    const v = checkPodSecurity(pod(spec), 'restricted', { version: 'v1.25' }).violations.filter(
      (x) => x.check === 'capabilities_restricted',
    );
    // Upstream: containers "a", "b" must set drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ",
    // "CHOWN", "FOO".
    expect(v.filter((x) => x.fieldPath.endsWith('.drop')).map((x) => x.fieldPath)).toEqual([
      'spec.containers[0].securityContext.capabilities.drop',
      'spec.containers[1].securityContext.capabilities.drop',
    ]);
    expect(v.filter((x) => x.fieldPath.endsWith('.add')).map((x) => x.message)).toEqual([
      'container "a" must not include "FOO", "BAR" in securityContext.capabilities.add',
      'container "b" must not include "BAR", "BAZ" in securityContext.capabilities.add',
      'container "c" must not include "CHOWN" in securityContext.capabilities.add',
    ]);
    expect(v.every((x) => x.reason === 'unrestricted capabilities')).toBe(true);
    const windows = checkPodSecurity(pod({ os: { name: 'windows' }, containers: [{ name: 'a' }] }), 'restricted', {
      version: 'v1.25',
    });
    expect(windows.violations.filter((x) => x.check === 'capabilities_restricted')).toEqual([]);
    const linux = checkPodSecurity(pod({ os: { name: 'linux' }, containers: [{ name: 'a' }] }), 'restricted', {
      version: 'v1.25',
    });
    expect(linux.violations.filter((x) => x.check === 'capabilities_restricted').map((x) => x.message)).toEqual([
      'container "a" must set securityContext.capabilities.drop=["ALL"]',
    ]);
  });
});

describe('subjects, field paths and errors', () => {
  const template = {
    metadata: { labels: { app: 'a' } },
    spec: { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] },
  };
  test.each([
    [
      'Deployment',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template } },
      'spec.template.',
    ],
    ['StatefulSet', { kind: 'StatefulSet', spec: { template } }, 'spec.template.'],
    ['DaemonSet', { kind: 'DaemonSet', spec: { template } }, 'spec.template.'],
    ['ReplicaSet', { kind: 'ReplicaSet', spec: { template } }, 'spec.template.'],
    ['ReplicationController', { kind: 'ReplicationController', spec: { template } }, 'spec.template.'],
    ['Job', { kind: 'Job', spec: { template } }, 'spec.template.'],
    ['CronJob', { kind: 'CronJob', spec: { jobTemplate: { spec: { template } } } }, 'spec.jobTemplate.spec.template.'],
    ['PodTemplate', { kind: 'PodTemplate', template }, 'template.'],
    ['PodTemplateSpec', template, ''],
  ])('%s: the template is found and paths are relative to the object', (_kind, subject, prefix) => {
    expect(found(subject, 'baseline')).toEqual([`privileged ${prefix}spec.containers[0].securityContext.privileged`]);
  });

  test('the SecureNamespace PodSecurityLevel enum values are accepted as levels', () => {
    const p = pod({ hostIPC: true, containers: [{ name: 'c', image: 'x' }] });
    expect(checkPodSecurity(p, PodSecurityLevel.BASELINE).violations.map((v) => v.check)).toEqual(['hostNamespaces']);
    expect(checkPodSecurity(p, PodSecurityLevel.PRIVILEGED).allowed).toBe(true);
  });

  test('bad level, version or subject: an Error naming the value and the fix', () => {
    const p = pod(restrictedSpec());
    expect(() => checkPodSecurity(p, 'strict')).toThrow(
      /\[checkPodSecurity\] level: Pod Security level "strict" is not a level; fix: use privileged, baseline or restricted/,
    );
    for (const version of ['1.25', 'v1.025', 'v2.0', '', 'LATEST']) {
      expect(() => checkPodSecurity(p, 'baseline', { version })).toThrow(
        /Pod Security version .* is invalid; fix: use "latest" or "v1.N"/,
      );
    }
    expect(() => checkPodSecurity({ kind: 'Service', metadata: { name: 'web' }, spec: {} }, 'baseline')).toThrow(
      /Service\/web has no pod template; fix: pass a Pod/,
    );
    expect(() => checkPodSecurity({ kind: 'Deployment', metadata: { name: 'd' }, spec: {} }, 'baseline')).toThrow(
      /Deployment\/d has no pod template/,
    );
    expect(() => checkPodSecurity(null, 'baseline')).toThrow(/has no pod template/);
  });

  test('a wrongly typed field is refused, naming the object, the field and the fix (never read as absent)', () => {
    const weird = pod(
      {
        containers: 'x',
        initContainers: [null, 5, { name: 3, securityContext: 'no', ports: 'none' }],
        volumes: [null, 'v', { name: 'n', nfs: null }],
        securityContext: { sysctls: [null, { name: 7 }], seLinuxOptions: 'x', windowsOptions: [] },
        hostNetwork: 'true',
      },
      { annotations: ['a'] },
    );
    expect(() => checkPodSecurity(weird, 'restricted')).toThrow(
      /^\[Pod p\] metadata\.annotations: expected a map of strings, got a list; fix: /,
    );
    const cases: Array<[any, RegExp]> = [
      [
        { containers: [{ name: 'c', securityContext: { privileged: 'true' } }] },
        /spec\.containers\[0\]\.securityContext\.privileged: expected a boolean, got the string "true"; fix: write privileged: true \(a boolean, not a string\)/,
      ],
      [
        { containers: [{ name: 'c', securityContext: { capabilities: { add: 'NET_ADMIN' } } }] },
        /capabilities\.add: expected a list of strings, got the string "NET_ADMIN"; fix: write add as a list: \["NET_ADMIN"\]/,
      ],
      [
        { hostNetwork: 1, containers: [] },
        /spec\.hostNetwork: expected a boolean, got number 1; fix: write hostNetwork: true/,
      ],
      [{ containers: { name: 'c' } }, /spec\.containers: expected a list, got an object/],
      [
        { securityContext: { runAsNonRoot: 'yes' }, containers: [] },
        /spec\.securityContext\.runAsNonRoot: expected a boolean, got the string "yes"/,
      ],
      [
        { securityContext: { runAsUser: '0' }, containers: [] },
        /spec\.securityContext\.runAsUser: expected an integer, got the string "0"; fix: write runAsUser: 0 \(a number/,
      ],
      [
        { volumes: [{ name: 'v', hostPath: '/var' }], containers: [] },
        /spec\.volumes\[0\]\.hostPath: expected an object/,
      ],
    ];
    for (const [spec, message] of cases) expect(() => checkPodSecurity(pod(spec), 'baseline')).toThrow(message);
    // A workload reports the path inside it; an invalid field is a problem (not a throw) for the app-wide list.
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { template: { spec: { containers: [{ name: 'c', securityContext: { privileged: 'true' } }] } } },
    };
    expect(() => checkPodSecurity(d, 'baseline')).toThrow(
      /^\[Deployment shop\/web\] spec\.template\.spec\.containers\[0\]\.securityContext\.privileged: /,
    );
    expect(podSecurityProblems([d], { level: 'baseline' })).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'web',
        namespace: 'shop',
        rule: 'psa.invalid-field',
        path: 'spec.template.spec.containers[0].securityContext.privileged',
      }),
    ]);
    // null is Go's nil: absent, not wrong.
    expect(
      checkPodSecurity(
        pod({ hostNetwork: null, containers: [{ name: 'c', securityContext: { privileged: null } }] }),
        'baseline',
      ).allowed,
    ).toBe(true);
  });

  test('denials are worded as kube-apiserver prints them: containers grouped, upstream order', () => {
    const bad = { allowPrivilegeEscalation: true, capabilities: { add: ['SYS_TIME', 'NET_ADMIN'] } };
    const p = pod({
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        { name: 'a', image: 'x', securityContext: bad },
        { name: 'b', image: 'x', securityContext: { ...bad, runAsNonRoot: true } },
      ],
      volumes: [
        { name: 'logs', hostPath: { path: '/var/log' } },
        { name: 'nfs', nfs: { server: 's', path: '/' } },
      ],
    });
    expect(describePodSecurityResult(checkPodSecurity(p, 'restricted'))).toBe(
      'violates PodSecurity "restricted:latest": ' +
        'allowPrivilegeEscalation != false (containers "a", "b" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; ' +
        'containers "a", "b" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add), ' +
        'restricted volume types (volumes "logs", "nfs" use restricted volume types "hostPath", "nfs"), ' +
        'runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)',
    );
    const b = pod({
      hostNetwork: true,
      hostPID: true,
      containers: [
        {
          name: 'a',
          image: 'x',
          ports: [
            { containerPort: 80, hostPort: 8080 },
            { containerPort: 81, hostPort: 443 },
          ],
        },
      ],
    });
    expect(describePodSecurityResult(checkPodSecurity(b, 'baseline'))).toBe(
      'violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true, hostPID=true), hostPort (container "a" uses hostPorts 443, 8080)',
    );
    const s = pod({
      securityContext: { runAsUser: 0, seLinuxOptions: { type: 'spc_t', user: 'u' } },
      containers: [{ name: 'a', image: 'x', securityContext: { runAsUser: 0 } }],
    });
    expect(describePodSecurityResult(checkPodSecurity(s, 'baseline'))).toBe(
      'violates PodSecurity "baseline:latest": seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set)',
    );
    expect(checkPodSecurity(s, 'restricted').denials.find((d) => d.check === 'runAsUser')?.detail).toBe(
      'pod and container "a" must not set runAsUser=0',
    );
  });

  test("describePodSecurityResult is upstream's one-line form", () => {
    const p = pod({
      hostNetwork: true,
      containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }],
    });
    expect(describePodSecurityResult(checkPodSecurity(p, 'baseline'))).toBe(
      'violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), privileged (container "c" must not set securityContext.privileged=true)',
    );
    expect(describePodSecurityResult(checkPodSecurity(pod(restrictedSpec()), 'restricted', { version: 'v1.30' }))).toBe(
      'allowed by PodSecurity "restricted:v1.30"',
    );
  });

  test("every violation carries a fix, and the catalog lists upstream's check IDs", () => {
    const p = pod({
      hostPID: true,
      containers: [{ name: 'c', image: 'x', securityContext: { privileged: true, runAsUser: 0 } }],
      volumes: [{ name: 'v', hostPath: { path: '/' } }],
    });
    for (const v of checkPodSecurity(p, 'restricted').violations) expect(v.fix.length).toBeGreaterThan(10);
    expect(
      podSecurityCheckCatalog()
        .map((c) => c.id)
        .sort(),
    ).toEqual([
      'allowPrivilegeEscalation',
      'appArmorProfile',
      'capabilities_baseline',
      'capabilities_restricted',
      'hostNamespaces',
      'hostPathVolumes',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'privileged',
      'procMount',
      'procMount_restricted',
      'restrictedVolumes',
      'runAsNonRoot',
      'runAsUser',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'seccompProfile_restricted',
      'sysctls',
      'windowsHostProcess',
    ]);
    expect(podSecurityCheckCatalog().find((c) => c.id === 'sysctls')?.minimumVersions).toEqual([
      'v1.0',
      'v1.27',
      'v1.29',
      'v1.32',
      'v1.37',
    ]);
  });
});
