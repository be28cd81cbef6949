import { App } from 'cdk8s';

/** The message synthesizing `app` fails with, or '' when it synthesizes (so `toBe('')` asserts a clean synth). */
export function synthError(app: App): string {
  try {
    app.synthYaml();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
