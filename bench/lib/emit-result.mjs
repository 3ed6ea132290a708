// The scenario contract (bench/run.mjs): one `BENCH_RESULT {json}` line on stdout.

/** Prints `BENCH_RESULT {"scenario":…,"rows":[…]}`. */
export function emitResult(scenario, rows) {
  console.log(`BENCH_RESULT ${JSON.stringify({ scenario, rows })}`);
}
