/**
 * The documented estimate for models whose tokenizer Tapline does not ship (Anthropic, Gemini, Llama, Mistral,
 * DeepSeek, Grok …): one token per 4 ASCII characters (rounded up) plus one token per non-ASCII character
 * (code point). English prose lands within about ±15% of those providers' own counts; CJK text, where most
 * tokenizers spend about a token per character, stays close; accented Latin text is overestimated slightly.
 */
export function estimateTokens(text: string): number {
  const { ascii, other } = characterClasses(text);
  return Math.ceil(ascii / 4) + other;
}

/** ASCII characters and other characters (code points) of `text`, the inputs of the estimate. */
export function characterClasses(text: string): { ascii: number; other: number } {
  let ascii = 0;
  let other = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) ascii++;
    else if (code < 0xdc00 || code > 0xdfff) other++; // a low surrogate was counted with its high half
  }
  return { ascii, other };
}
