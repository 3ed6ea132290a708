import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { type MemoryExporter, memoryExporter, type SpanExporter } from '../src/index';

const schemaPath = fileURLToPath(new URL('../schema/span-v1.schema.json', import.meta.url));
export const spanSchema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(spanSchema);

/** Throws with every schema violation listed when `span` is not a valid wire-format v1 span. */
export function assertValidSpan(span: unknown): void {
  if (!validate(span)) {
    throw new Error(
      `span does not match span-v1.schema.json:\n${ajv.errorsText(validate.errors, { separator: '\n' })}\n${JSON.stringify(span)}`,
    );
  }
}

/** A memory exporter that checks every exported span against the schema; a violation fails the export and the test. */
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
