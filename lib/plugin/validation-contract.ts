/**
 * The part of cdk8s-cli's validation plugin contract the plugin uses, declared structurally so that the package
 * needs no cdk8s-cli at run time (the CLI passes its own objects). Mirrors `ValidationContext`,
 * `ValidationReport.addViolation/submit` and `ValidationViolation` of cdk8s-cli `src/plugins/validation.ts`
 * (cdk8s-team/cdk8s-cli), as of cdk8s-cli 2.207.
 */

/** One resource breaking a rule: cdk8s-cli looks `resourceName` up in the app's construct metadata for its path. */
export interface PluginViolatingResource {
  /** The object's `metadata.name`: the key of cdk8s's `construct-metadata.json`. */
  readonly resourceName: string;
  /** Where in the object: field paths (`spec.ingress[0].destination.ports`). */
  readonly locations: readonly string[];
  /** The manifest file holding the object. */
  readonly manifestPath: string;
}

/** One violation in the report: a rule, what is wrong, how to fix it, and who breaks it. */
export interface PluginViolation {
  /** The rule id, with the severity for lint rules (`lint.staged-policy (warning)`). */
  readonly ruleName: string;
  /** What is wrong. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The objects breaking the rule. */
  readonly violatingResources: readonly PluginViolatingResource[];
}

/** cdk8s-cli's `ValidationReport`, as far as a plugin writes it. */
export interface IPluginReport {
  /** Adds a violation. */
  addViolation(violation: PluginViolation): void;
  /** Ends the report: `success` or `failure`, with summary rows. */
  submit(status: string, metadata?: { readonly [key: string]: string }): void;
}

/** cdk8s-cli's `ValidationContext`, as far as the plugin reads it. */
export interface IPluginContext {
  /** The synthesized manifest files. */
  readonly manifests: readonly string[];
  /** The report to fill. */
  readonly report: IPluginReport;
  /**
   * Logger (cdk8s-cli's `ValidationLogger`).
   * @default - nothing is logged
   */
  readonly logger?: { log(message: string): void };
}
