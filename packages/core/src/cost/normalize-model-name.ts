/**
 * Model and provider names as they reach Tapline (`openai/gpt-4o`, `claude-sonnet-4-20250514`, Azure deployment
 * names, Vercel AI SDK provider ids such as `openai.chat`) reduced to the ids the price table and the tokenizer
 * use. Pure string work, shared by the token and cost stages.
 */

const PROVIDER_IDS: Record<string, string> = {
  openai: 'openai',
  azure: 'openai',
  azure_openai: 'openai',
  'azure-openai': 'openai',
  'azure.ai.openai': 'openai',
  anthropic: 'anthropic',
  google: 'google',
  gemini: 'google',
  'gcp.gemini': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gen_ai': 'google',
  vertex: 'google',
  vertex_ai: 'google',
  'google.generative-ai': 'google',
  'google.vertex': 'google',
  mistral: 'mistral',
  mistralai: 'mistral',
  mistral_ai: 'mistral',
  deepseek: 'deepseek',
  xai: 'xai',
  'x-ai': 'xai',
  x_ai: 'xai',
  groq: 'groq',
  together: 'together',
  togetherai: 'together',
  together_ai: 'together',
};

/**
 * The price table's id for a provider name (`azure` → `openai`, `gcp.gemini` → `google`, `openai.chat` →
 * `openai`); unknown names come back lower-cased, undefined stays undefined.
 */
export function normalizeProvider(provider: string | undefined): string | undefined {
  if (provider === undefined) return undefined;
  const name = provider.trim().toLowerCase();
  if (name.length === 0) return undefined;
  const known = PROVIDER_IDS[name];
  if (known) return known;
  const dot = name.indexOf('.');
  if (dot > 0) {
    const head = PROVIDER_IDS[name.slice(0, dot)];
    if (head) return head;
  }
  return name;
}

/** `name` when it is a provider's prefix in a model id (`openai/…`, `anthropic.…` on Bedrock), else undefined. */
function prefixProvider(name: string): string | undefined {
  return Object.hasOwn(PROVIDER_IDS, name) ? PROVIDER_IDS[name] : undefined;
}

export interface NormalizedModel {
  /** Lower-cased model id without provider prefix, alias applied. Dated snapshots are kept (see `modelNameCandidates`). */
  model: string;
  /** The provider named by a prefix (`openai/gpt-4o`) or by the alias target, if any. */
  provider?: string;
}

/** Aliases with lower-cased keys, built once (`createPriceTable`, the stages). */
export type ModelAliases = ReadonlyMap<string, string>;

export function compileAliases(aliases: Record<string, string> | undefined): ModelAliases {
  const map = new Map<string, string>();
  for (const [from, to] of Object.entries(aliases ?? {})) map.set(from.trim().toLowerCase(), to);
  return map;
}

const REGION_PREFIX = /^(?:us|eu|apac|global)\.(?=[a-z-]+\.)/;

/**
 * Normalizes a model id: applies a user alias (e.g. an Azure deployment name → `gpt-4o`), lower-cases, drops
 * `models/` (Gemini) and a known provider prefix (`openai/gpt-4o`, `anthropic.claude-…` on Bedrock, with its
 * region prefix). Ids whose first segment is not a provider (`meta-llama/llama-3.3-70b-instruct-turbo`) keep it.
 */
export function normalizeModelName(model: string, aliases?: ModelAliases): NormalizedModel {
  let name = model.trim();
  const aliased = aliases?.get(name.toLowerCase());
  if (aliased !== undefined) name = aliased.trim();
  name = name.toLowerCase();
  if (name.startsWith('models/')) name = name.slice('models/'.length);
  let provider: string | undefined;
  const slash = name.indexOf('/');
  if (slash > 0) {
    provider = prefixProvider(name.slice(0, slash));
    if (provider) name = name.slice(slash + 1);
  } else {
    name = name.replace(REGION_PREFIX, '');
    const dot = name.indexOf('.');
    if (dot > 0) {
      provider = prefixProvider(name.slice(0, dot));
      if (provider) name = name.slice(dot + 1);
    }
  }
  return provider ? { model: name, provider } : { model: name };
}

/** Snapshot and version suffixes, tried from the end: dates, `@20250514`, `-v1:0`, `-0709`, `-2411`, `-001`, `-latest`. */
const SNAPSHOT_SUFFIXES: readonly RegExp[] = [
  /-\d{4}-\d{2}-\d{2}$/,
  /[-@]\d{8}$/,
  /-v\d+(?::\d+)?$/,
  /:\d+$/,
  /-\d{4}$/,
  /-\d{3}$/,
  /-latest$/,
  /-preview(?:-\d{2}-\d{2})?$/,
];

/**
 * The names to look up for a normalized model id, most specific first: the id itself, then with each trailing
 * snapshot suffix removed (`gpt-4o-2024-08-06` → `gpt-4o`; `claude-sonnet-4-20250514` → `claude-sonnet-4`).
 * An exact entry therefore always wins over its family entry.
 */
export function modelNameCandidates(model: string): string[] {
  const candidates = [model];
  let current = model;
  for (let guard = 0; guard < 4; guard++) {
    const suffix = SNAPSHOT_SUFFIXES.find((pattern) => pattern.test(current));
    if (!suffix) break;
    current = current.replace(suffix, '');
    if (current.length === 0) break;
    candidates.push(current);
  }
  return candidates;
}
