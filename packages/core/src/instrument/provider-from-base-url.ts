const HOST_PROVIDERS: ReadonlyArray<readonly [suffix: string, provider: string]> = [
  ['api.openai.com', 'openai'],
  ['openai.azure.com', 'azure'],
  ['cognitiveservices.azure.com', 'azure'],
  ['services.ai.azure.com', 'azure'],
  ['models.inference.ai.azure.com', 'azure'],
  ['api.groq.com', 'groq'],
  ['api.together.xyz', 'together'],
  ['api.together.ai', 'together'],
  ['openrouter.ai', 'openrouter'],
  ['api.fireworks.ai', 'fireworks'],
  ['api.deepseek.com', 'deepseek'],
  ['api.mistral.ai', 'mistral'],
  ['api.x.ai', 'xai'],
  ['api.perplexity.ai', 'perplexity'],
  ['generativelanguage.googleapis.com', 'gemini'],
  ['api.anthropic.com', 'anthropic'],
];

function cloudProvider(host: string): string | undefined {
  if (host.startsWith('bedrock-runtime.') && host.endsWith('.amazonaws.com')) return 'aws.bedrock';
  if (host === 'aiplatform.googleapis.com' || host.endsWith('-aiplatform.googleapis.com'))
    return 'gcp.vertex_ai';
  return undefined;
}

const LOCAL_PORTS: Readonly<Record<string, string>> = {
  '11434': 'ollama',
  '1234': 'lmstudio',
};

function isLocalHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    host === '::1' ||
    host === '0.0.0.0' ||
    host.startsWith('127.') ||
    host.endsWith('.local') ||
    host.endsWith('.localhost')
  );
}

const cache = new Map<string, string>();

/**
 * Names the provider behind an OpenAI- or Anthropic-compatible base URL, e.g. `https://api.groq.com/openai/v1`
 * → `groq`. Local servers are `ollama` (port 11434), `lmstudio` (1234) or `local`; unknown hosts and unparsable
 * URLs give `fallback`. Results are memoized per URL, so calling it per request costs a map lookup.
 */
export function providerFromBaseURL(baseURL: string | undefined | null, fallback: string): string {
  if (!baseURL) return fallback;
  const key = `${fallback}\u0000${baseURL}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let provider = fallback;
  try {
    const url = new URL(baseURL);
    const host = url.hostname.toLowerCase();
    const match = HOST_PROVIDERS.find(([suffix]) => host === suffix || host.endsWith(`.${suffix}`));
    const cloud = match ? undefined : cloudProvider(host);
    if (match) provider = match[1];
    else if (cloud) provider = cloud;
    else if (isLocalHost(host)) provider = LOCAL_PORTS[url.port] ?? 'local';
  } catch {
    provider = fallback;
  }
  if (cache.size < 256) cache.set(key, provider);
  return provider;
}
