import cliProgress from 'cli-progress';

/** A progress bar on a terminal; silent when output goes to a file or pipe. */
export function progressBar(total: number, unit: string) {
  if (!process.stderr.isTTY) return { update: (_n: number) => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format: `{bar} {percentage}% | {value}/{total} ${unit}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
}
