// Volume checks: hostPathVolumes (baseline) and restrictedVolumes (restricted, replaces it), after upstream
// policy/check_hostPathVolumes.go and check_restrictedVolumes.go.
import { CheckFinding, finding, PodSecurityCheck } from './check';
import { arr, obj, PodView, str } from './pod-view';

/**
 * Volume sources restricted allows. `image` was added to the 1.0 revision itself (Kubernetes 1.33), so it is allowed at
 * every policy version, as upstream does.
 */
export const RESTRICTED_ALLOWED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** The other volume sources of the core API, in upstream's order (a volume naming none defaults to emptyDir). */
const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

/** Go decodes JSON `null` to a nil pointer: only a present, non-null source counts. */
const has = (volume: Record<string, unknown>, key: string): boolean =>
  volume[key] !== undefined && volume[key] !== null;

const volumeName = (v: Record<string, unknown>, i: number): string => str(v.name) ?? `#${i}`;

function hostPathVolumes(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  arr(pod.spec.volumes).forEach((raw, i) => {
    const v = obj(raw);
    if (has(v, 'hostPath')) {
      out.push(
        finding(
          `spec.volumes[${i}].hostPath`,
          `volume ${JSON.stringify(volumeName(v, i))} must not use hostPath`,
          'use a persistentVolumeClaim, configMap, secret or emptyDir volume instead of hostPath',
          { volume: str(v.name) ?? '' },
        ),
      );
    }
  });
  return out;
}

function restrictedVolumes(pod: PodView): CheckFinding[] {
  const out: CheckFinding[] = [];
  arr(pod.spec.volumes).forEach((raw, i) => {
    const v = obj(raw);
    if (RESTRICTED_ALLOWED_VOLUME_TYPES.some((t) => has(v, t))) return;
    const type = RESTRICTED_VOLUME_TYPES.find((t) => has(v, t));
    if (type === undefined) return; // no source: the API server defaults it to emptyDir
    out.push(
      finding(
        `spec.volumes[${i}].${type}`,
        `volume ${JSON.stringify(volumeName(v, i))} uses restricted volume type ${JSON.stringify(type)}`,
        `use only ${RESTRICTED_ALLOWED_VOLUME_TYPES.join(', ')} volumes; mount other storage through a persistentVolumeClaim`,
        { volume: str(v.name) ?? '', values: [type] },
      ),
    );
  });
  return out;
}

/** `hostPathVolumes` (baseline, v1.0+): no hostPath volume. */
export const HOST_PATH_VOLUMES: PodSecurityCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  reason: 'hostPath volumes',
  versions: [{ minVersion: 0, evaluate: hostPathVolumes }],
};

/** `restrictedVolumes` (restricted, v1.0+, replaces hostPathVolumes): only the allowed volume sources. */
export const RESTRICTED_VOLUMES: PodSecurityCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  reason: 'restricted volume types',
  overrides: 'hostPathVolumes',
  versions: [{ minVersion: 0, evaluate: restrictedVolumes }],
};
