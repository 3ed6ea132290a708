/**
 * The GenAI client metrics of the OpenTelemetry semantic conventions (Development stability), as pinned by
 * `GEN_AI_SEMCONV_VERSION`: names, units, descriptions and the explicit bucket boundaries the conventions say
 * the histograms SHOULD use. Source: semantic-conventions `docs/gen-ai/gen-ai-metrics.md` (1.41.0) and, for
 * `time_to_first_chunk`, the same page in the GenAI conventions repository that continues it.
 */

/** `gen_ai.client.token.usage` buckets: powers of 4 from 1 to 4^13 tokens. */
export const TOKEN_USAGE_BUCKETS: readonly number[] = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];

/** `gen_ai.client.operation.duration` and `time_to_first_chunk` buckets, in seconds: 10 ms doubling to 81.92 s. */
export const DURATION_BUCKETS: readonly number[] = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

export interface GenAiHistogramDefinition {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly buckets: readonly number[];
}

export const GEN_AI_CLIENT_METRICS = {
  tokenUsage: {
    name: 'gen_ai.client.token.usage',
    unit: '{token}',
    description: 'Number of input and output tokens used.',
    buckets: TOKEN_USAGE_BUCKETS,
  },
  operationDuration: {
    name: 'gen_ai.client.operation.duration',
    unit: 's',
    description: 'GenAI operation duration.',
    buckets: DURATION_BUCKETS,
  },
  timeToFirstChunk: {
    name: 'gen_ai.client.operation.time_to_first_chunk',
    unit: 's',
    description:
      'Time to receive the first chunk, measured from when the client issues the generation request to when the first chunk is received in the response stream.',
    buckets: DURATION_BUCKETS,
  },
} as const satisfies Record<string, GenAiHistogramDefinition>;
