import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { addManifestValidation } from '../validation/synth-validation';
import { dropChartNamespace } from '../core/cluster-scoped';
import { describeFsError } from '../model/io/fs-errors';
import {
  boundaryError,
  constructWhere,
  guardInstance,
  guardKnownKeys,
  guardObject,
  guardOptionalString,
  guardProps,
  guardScope,
  guardString,
  rejectInput,
} from '../model/primitives/guard';
import { guardDnsLabel, guardDnsSubdomain } from '../model/primitives/kube-name-guards';
import { AccessRole, GrantOptions } from './access-role';
import { CsrInfo, parseCsr } from './credentials/csr-parse';
import { pemBlocks, toPem } from './credentials/pem';
import { checkUserSignerName, KUBE_APISERVER_CLIENT_SIGNER } from './credentials/signer-name';
import { checkSubject } from './credentials/subject-rules';
import { Subject } from './subject';

/** The API server's lower bound of `spec.expirationSeconds` (ten minutes). */
export const MIN_CSR_EXPIRATION_SECONDS = 600;
/** Default lifetime of a user certificate: 365 days, the controller-manager's default `--cluster-signing-duration`. */
export const DEFAULT_CSR_EXPIRATION_SECONDS = 365 * 24 * 3600;
const MAX_INT32 = 2_147_483_647;
const OPTION_KEYS = ['name', 'groups', 'expirationSeconds', 'signerName', 'csrName'];
const ROLE_EXPECTED = 'an AccessRole (new AccessRole(...), AccessRole.podsViewer(...), ...)';
/** Everything of {@link ClusterUserProps} but the request itself. */
export interface ClusterUserOptions {
  /** The user name: must be the CN of the request. Bindings name the user by it. */
  readonly name: string;
  /**
   * The groups: must be exactly the O values of the request (any order).
   * @default [] (no group but `system:authenticated`)
   */
  readonly groups?: string[];
  /**
   * Requested lifetime of the certificate, at least 600 seconds. Kubernetes cannot revoke a client certificate,
   * so the expiry is the only way one stops working: keep it short and renew. The signer caps it at its own
   * `--cluster-signing-duration` (one year by default).
   * @default 31536000 (365 days, where docs/scenarios.md#004 signs for 3650)
   */
  readonly expirationSeconds?: number;
  /**
   * The signer. Other Kubernetes signers (`kubelet-serving`, `kube-apiserver-client-kubelet`) do not issue user
   * certificates and are refused.
   * @default 'kubernetes.io/kube-apiserver-client'
   */
  readonly signerName?: string;
  /**
   * Name of the CertificateSigningRequest object. The spec of a CSR cannot change, so the default carries a
   * fingerprint of the request: a renewal with a new key is a new object rather than a failed update.
   * @default `<user>-<first 8 hex digits of the SHA-256 of the request>`, such as `wang-1f2e3d4c`
   */
  readonly csrName?: string;
}

/** Props of {@link ClusterUser}. */
export interface ClusterUserProps extends ClusterUserOptions {
  /**
   * The PEM certificate signing request (`-----BEGIN CERTIFICATE REQUEST-----`), from generateClientCredentials or
   * `openssl req -new`.
   */
  readonly csr: string;
}

/** Props of {@link ClusterUser.fromCsrFile}. */
export interface ClusterUserFileProps extends ClusterUserOptions {
  /** The PEM CSR file, read when the construct is created. */
  readonly csrFile: string;
}

/**
 * Options of {@link ClusterUser.grant} and {@link ClusterUser.grantViaGroup}: the same as {@link GrantOptions}.
 * @deprecated use {@link GrantOptions} (the same one field, `bindingName`)
 */
export interface ClusterUserGrantOptions extends GrantOptions {}

/**
 * A person who authenticates with a client certificate (`CN=<name>, O=<groups>`), chapter 1 of docs/scenarios.md#004
 * done through the Kubernetes certificates API rather than with the CA key by hand: a `certificates.k8s.io/v1`
 * CertificateSigningRequest for the `kubernetes.io/kube-apiserver-client` signer, usage `client auth` only, with an
 * expiry; plus helpers to grant the user (or one of the groups) an {@link AccessRole} per namespace.
 *
 * The request is checked when the construct is created: it must be a PEM CSR whose signature verifies and whose CN
 * and O are exactly `name` and `groups`; a private key passed by mistake is refused loudly. After deploying:
 * `kubectl certificate approve <csrName>`, then
 * `kubectl get csr <csrName> -o jsonpath='{.status.certificate}' | base64 -d > <name>.crt`, then writeKubeconfig.
 */
export class ClusterUser extends Construct {
  /** A ClusterUser whose request is read (synchronously) from `csrFile`. */
  public static fromCsrFile(scope: Construct, id: string, props: ClusterUserFileProps): ClusterUser {
    const where = constructWhere(guardScope(scope, id, 'ClusterUser.fromCsrFile'), id);
    guardObject(props, where, 'props', { expected: 'a props object { name, csrFile, groups?, ... }' });
    guardKnownKeys(props, [...OPTION_KEYS, 'csrFile'], where);
    guardString(props.csrFile, where, 'csrFile', { expected: 'the path of the PEM CSR file' });
    let csr: string;
    try {
      csr = readFileSync(props.csrFile, 'utf8');
    } catch (e) {
      const text = describeFsError(e, props.csrFile, 'read').replace(/; fix: .*$/, '');
      throw boundaryError(
        where,
        'csrFile',
        `${text}; fix: create it first with generateClientCredentials({ user, groups, keyFile, csrFile }) or \`openssl req -new\``,
      );
    }
    const { csrFile: _file, ...options } = props;
    return new ClusterUser(scope, id, { ...options, csr });
  }

  /** The user name (CN). */
  public readonly name: string;
  /** The groups (O), sorted. */
  public readonly groups: string[];
  /** Name of the CertificateSigningRequest object. */
  public readonly csrName: string;
  /** The signer. */
  public readonly signerName: string;
  /** Requested lifetime in seconds. */
  public readonly expirationSeconds: number;
  /** The request's public key, such as `ecdsa-p256` or `rsa-4096`. */
  public readonly publicKey: string;
  /** The CertificateSigningRequest object. */
  public readonly request: ApiObject;

  public constructor(scope: Construct, id: string, props: ClusterUserProps) {
    super(guardScope(scope, id, 'ClusterUser'), id);
    addManifestValidation(this); // its built-in objects get validateObject at synth
    const where = this.node.path;
    guardObject(props, where, 'props', { expected: 'a props object { name, csr, groups?, ... }' });
    guardKnownKeys(props, [...OPTION_KEYS, 'csr'], where);
    const groups = props.groups ?? [];
    checkSubject(props.name, groups, where, { user: 'name', groups: 'groups' });
    guardString(props.csr, where, 'csr', {
      expected: 'a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)',
    });
    const csr = parseCsr(props.csr, `[${where}] csr`);
    checkCsrMatches(csr, props.name, groups, where);
    this.name = props.name;
    this.groups = [...groups].sort();
    this.publicKey = csr.publicKey;
    this.signerName = props.signerName ?? KUBE_APISERVER_CLIENT_SIGNER;
    checkUserSignerName(this.signerName, where);
    this.expirationSeconds = checkExpiration(props.expirationSeconds ?? DEFAULT_CSR_EXPIRATION_SECONDS, where);
    const der = pemBlocks(props.csr)[0].der;
    // Upstream: pkg/apis/certificates/validation (ValidateCertificateRequestName: a DNS-1123 subdomain).
    this.csrName =
      props.csrName === undefined
        ? defaultCsrName(props.name, der)
        : guardDnsSubdomain(props.csrName, where, 'csrName', 'CertificateSigningRequest name');
    this.request = new ApiObject(this, 'Resource', {
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name: this.csrName },
      spec: {
        // the one PEM block, re-armored: text around it and CRLF line ends stay out of the manifest
        request: Buffer.from(toPem('CERTIFICATE REQUEST', der), 'utf8').toString('base64'),
        signerName: this.signerName,
        expirationSeconds: this.expirationSeconds,
        usages: ['client auth'],
      },
    });
    dropChartNamespace(this.request);
  }

  /** The user as an RBAC subject. */
  public subject(): Subject {
    return Subject.user(this.name);
  }

  /** The user's groups as RBAC subjects, sorted. */
  public groupSubjects(): Subject[] {
    return this.groups.map((g) => Subject.group(g));
  }

  /**
   * Grants `role` to this user in `namespace` (a RoleBinding, made by the role). A convenience for
   * `role.grant(user.subject(), namespace, options)`: the role is the receiver of every grant.
   * @returns the RoleBinding object (a cdk8s `ApiObject`; a cdk8s-plus-27 `RoleBinding` before the library stopped
   * depending on cdk8s-plus)
   */
  public grant(role: AccessRole, namespace: string, options: GrantOptions = {}): ApiObject {
    this.guardGrant('grant', role, namespace, options);
    return role.grant(this.subject(), namespace, options);
  }

  /**
   * Grants `role` to one of this user's groups in `namespace`: everyone whose certificate carries that O gets it,
   * which keeps bindings stable while people come and go. A convenience for
   * `role.grant(Subject.group(groupName), namespace, options)`, checking that the user is in the group.
   * @returns the RoleBinding object (a cdk8s `ApiObject`)
   */
  public grantViaGroup(role: AccessRole, groupName: string, namespace: string, options: GrantOptions = {}): ApiObject {
    this.guardGrant('grantViaGroup', role, namespace, options);
    guardString(groupName, this.node.path, 'grantViaGroup.groupName', { expected: "one of the user's groups" });
    if (!this.groups.includes(groupName)) {
      throw boundaryError(
        this.node.path,
        'grantViaGroup.groupName',
        `"${groupName}" is not one of the user's groups [${this.groups.join(', ')}]; ` +
          `fix: use one of them, or grant Subject.group("${groupName}") through the role directly`,
      );
    }
    return role.grant(Subject.group(groupName), namespace, options);
  }

  /** The arguments every grant shares, checked here so errors name this user's path. */
  private guardGrant(method: string, role: unknown, namespace: unknown, options: unknown): void {
    const where = this.node.path;
    guardInstance(role, AccessRole, where, `${method}.role`, { expected: ROLE_EXPECTED });
    guardDnsLabel(namespace, where, `${method}.namespace`, 'namespace name');
    const opts = guardProps(options as GrantOptions | undefined, where, `${method}.options`);
    guardKnownKeys(opts, ['bindingName'], where, `${method}.options`);
    guardOptionalString(opts.bindingName, where, `${method}.options.bindingName`, { expected: 'a RoleBinding name' });
  }
}

/**
 * The request must verify and carry exactly the CN and O the props say: the identity the RBAC grants are written for.
 */
function checkCsrMatches(csr: CsrInfo, name: string, groups: readonly string[], where: string): void {
  if (!csr.signatureValid) {
    throw boundaryError(
      where,
      'csr',
      `the request's signature does not verify with its own public key (the API server refuses it); ` +
        'fix: regenerate the CSR instead of editing it',
    );
  }
  if (csr.commonName !== name) {
    throw boundaryError(
      where,
      'csr',
      `its subject CN is ${JSON.stringify(csr.commonName)}, but name is "${name}"; the certificate ` +
        `would authenticate ${csr.commonName ? `"${csr.commonName}"` : 'no user'}; fix: regenerate the CSR with user: "${name}" or set name to its CN`,
    );
  }
  const wanted = [...groups].sort();
  const inCsr = [...new Set(csr.organizations)].sort();
  if (wanted.join('\n') !== inCsr.join('\n')) {
    throw boundaryError(
      where,
      'csr',
      `its subject O (groups) is [${inCsr.join(', ')}], but groups is [${wanted.join(', ')}]; ` +
        "fix: regenerate the CSR with exactly these groups, or set groups to the CSR's O values",
    );
  }
}

function checkExpiration(seconds: number, where: string): number {
  if (
    typeof seconds !== 'number' ||
    !Number.isInteger(seconds) ||
    seconds < MIN_CSR_EXPIRATION_SECONDS ||
    seconds > MAX_INT32
  ) {
    rejectInput(
      where,
      'expirationSeconds',
      `a whole number of seconds between ${MIN_CSR_EXPIRATION_SECONDS} (the API server's minimum) and ${MAX_INT32}`,
      seconds,
      `pass e.g. ${DEFAULT_CSR_EXPIRATION_SECONDS} (365 days)`,
    );
  }
  return seconds;
}

/** `<user slug>-<8 hex of SHA-256 of the DER request>`: stable for one request, new for a new key. */
function defaultCsrName(user: string, der: Buffer): string {
  const slug =
    user
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 200)
      .replace(/^-+|-+$/g, '') || 'user';
  const digest = createHash('sha256').update(der).digest('hex').slice(0, 8);
  return `${slug}-${digest}`;
}
