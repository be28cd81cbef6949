// The CLI's `main` run in this process, its standard output and error captured (the bin passes process streams).
import { main } from '../../lib/cli/main';

/** Runs `cdk8s-calico <args>`; returns the exit code and what it wrote to stdout and stderr. */
export function runCli(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(
    args,
    (s) => {
      out += s;
    },
    (s) => {
      err += s;
    },
  );
  return { code, out, err };
}
