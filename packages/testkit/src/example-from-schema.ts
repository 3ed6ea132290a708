import { asArray, asObject, asString } from './json-value';

/**
 * Builds a deterministic value that satisfies a (simple) JSON Schema, used as default tool arguments and
 * structured-output content: objects get every property, strings `"example"`, numbers `1`, enums their first value.
 */
export function exampleFromSchema(schema: unknown, depth = 0): unknown {
  const node = asObject(schema);
  if (!node || depth > 8) return null;
  const enumValues = asArray(node.enum);
  if (enumValues.length > 0) return enumValues[0];
  if ('const' in node) return node.const;
  const variants = asArray(node.anyOf ?? node.oneOf);
  if (variants.length > 0) return exampleFromSchema(variants[0], depth + 1);
  const type = Array.isArray(node.type) ? asString(node.type[0]) : asString(node.type);
  switch (type ?? (node.properties ? 'object' : undefined)) {
    case 'object': {
      const result: Record<string, unknown> = {};
      const properties = asObject(node.properties) ?? {};
      for (const [key, child] of Object.entries(properties))
        result[key] = exampleFromSchema(child, depth + 1);
      return result;
    }
    case 'array':
      return node.items ? [exampleFromSchema(node.items, depth + 1)] : [];
    case 'string':
      return 'example';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}
