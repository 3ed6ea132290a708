/** A rough, deterministic token estimate (about four characters a token, at least one for non-empty text). */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}
