/** Parsed command-line options of the mock server CLI. */
export interface CliOptions {
  port: number;
  chunkDelayMs: number;
  latencyMs: number;
}

/** Parses `--port N`, `--chunk-delay-ms N` and `--latency-ms N` (also in `--flag=N` form). */
export function parseCliArgs(args: readonly string[]): CliOptions {
  const options: CliOptions = { port: 0, chunkDelayMs: 0, latencyMs: 0 };
  const keys: Record<string, keyof CliOptions> = {
    '--port': 'port',
    '--chunk-delay-ms': 'chunkDelayMs',
    '--latency-ms': 'latencyMs',
  };
  for (let i = 0; i < args.length; i++) {
    const [flag = '', inline] = args[i]!.split('=', 2);
    const key = keys[flag];
    if (!key)
      throw new Error(
        `Unknown option ${flag}. Usage: cli.js [--port N] [--chunk-delay-ms N] [--latency-ms N]`,
      );
    const raw = inline ?? args[++i];
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value) || value < 0)
      throw new Error(`Invalid value for ${flag}: ${raw}`);
    options[key] = value;
  }
  return options;
}
