import { createRequire } from 'node:module';
import { type MemoryExporter, memoryExporter, type SpanExporter } from '@tapline/core';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

type Validator = ((span: unknown) => boolean) & { errors?: unknown };

let compiled: { ajv: InstanceType<typeof Ajv>; validate: Validator } | undefined;

function validator() {
  if (!compiled) {
    const require = createRequire(import.meta.url);
    const schema = require('@tapline/core/schema/span-v1.json') as Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    (addFormats as unknown as (ajv: unknown) => void)(ajv);
    compiled = { ajv, validate: ajv.compile(schema) as Validator };
  }
  return compiled;
}

/** Throws with every violation listed when `span` is not a valid wire-format v1 span. */
export function assertValidSpan(span: unknown): void {
  const { ajv, validate } = validator();
  if (!validate(span)) {
    throw new Error(
      `span does not match span-v1.schema.json:\n${ajv.errorsText(validate.errors as never, { separator: '\n' })}\n${JSON.stringify(span)}`,
    );
  }
}

/** A memory exporter that checks every exported span against the span JSON Schema; violations are collected. */
export function checkedMemoryExporter(): MemoryExporter & { violations: string[] } {
  const inner = memoryExporter();
  const violations: string[] = [];
  const exporter: SpanExporter = {
    async export(spans) {
      for (const span of spans) {
        try {
          assertValidSpan(span);
        } catch (error) {
          violations.push((error as Error).message);
        }
      }
      return inner.export(spans);
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush!(),
  };
  return Object.assign(Object.create(inner), exporter, { violations }) as MemoryExporter & {
    violations: string[];
  };
}
