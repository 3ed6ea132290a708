import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The schema checker lives in the testkit; testkit depends on core, so core's tests reach it by path.
export { assertValidSpan, checkedMemoryExporter } from '../../testkit/src/checked-memory-exporter';

const schemaPath = fileURLToPath(new URL('../schema/span-v1.schema.json', import.meta.url));
export const spanSchema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
