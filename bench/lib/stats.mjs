// Statistics helpers shared by the scenarios.

/** Median; the mean of the two middle values for an even count. */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The upper middle value (no averaging for an even count): the median vercel-ai.bench.mjs has always reported. */
export const upperMedian = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
