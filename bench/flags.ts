// Command-line flags of the benchmark scripts: `--name=value`, read the same way by every script.

/** `--name=N` as a number >= 0, or `fallback` when the flag is absent. */
export function numberFlag(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  const value = Number(arg.split("=")[1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number >= 0`);
  return value;
}
