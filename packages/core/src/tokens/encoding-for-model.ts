import { type ModelAliases, normalizeModelName } from '../cost/normalize-model-name';

/** The BPE encodings js-tiktoken ships. */
export type TokenEncodingName =
  | 'o200k_base'
  | 'cl100k_base'
  | 'p50k_base'
  | 'p50k_edit'
  | 'r50k_base'
  | 'gpt2';

/** Checked in order; the first prefix that matches a normalized model id decides its encoding. */
const FAMILIES: readonly (readonly [RegExp, TokenEncodingName])[] = [
  // gpt-4o, gpt-4.1, gpt-4.5, gpt-5, o-series, gpt-oss (o200k_harmony: o200k_base plus chat special tokens)
  [/^(?:gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4|codex-|computer-use)/, 'o200k_base'],
  // gpt-4 (incl. turbo and 32k), gpt-3.5-turbo (Azure spells it gpt-35), the ada-002 and v3 embeddings
  [/^(?:gpt-4|gpt-3\.5-turbo|gpt-35-turbo|text-embedding-ada-002|text-embedding-3)/, 'cl100k_base'],
  [/^(?:text-davinci-edit|code-davinci-edit)/, 'p50k_edit'],
  [/^(?:text-davinci-00[23]|code-davinci|code-cushman|davinci-codex|cushman-codex)/, 'p50k_base'],
  [
    /^(?:text-(?:ada|babbage|curie|davinci)-001|text-(?:similarity|search)-|code-search-|davinci|curie|babbage|ada)/,
    'r50k_base',
  ],
  [/^gpt2$/, 'gpt2'],
];

/**
 * The tokenizer encoding an OpenAI model uses, from its family: `o200k_base` for gpt-4o, gpt-4.1, gpt-4.5,
 * gpt-5 and the o-series; `cl100k_base` for gpt-4, gpt-3.5-turbo and the current embeddings; the older p50k/r50k
 * encodings for the GPT-3 era. Undefined for other providers' models (they are estimated). Provider prefixes and
 * dated snapshots are understood (`openai/gpt-4o-2024-08-06` → `o200k_base`).
 */
export function encodingForModel(model: string, aliases?: ModelAliases): TokenEncodingName | undefined {
  const { model: name, provider } = normalizeModelName(model, aliases);
  if (provider !== undefined && provider !== 'openai') return undefined;
  for (const [pattern, encoding] of FAMILIES) if (pattern.test(name)) return encoding;
  return undefined;
}
