import type { ContentMessage } from '../span/span-record';

/**
 * The text a `promptHash` is computed over, so that repeated prompts group together whatever their spacing:
 * each message becomes `role + ": " + content`, where content is Unicode NFC-normalized, has every run of
 * whitespace replaced by one space and is trimmed; messages are joined with `\n`. Case is kept.
 * `promptHash = hashIdentifier(normalizePrompt(messages), secret)`.
 */
export function normalizePrompt(messages: readonly ContentMessage[]): string {
  let out = '';
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    const content = typeof message.content === 'string' ? message.content : String(message.content ?? '');
    if (index > 0) out += '\n';
    out += `${message.role}: ${content.normalize('NFC').replace(/\s+/g, ' ').trim()}`;
  }
  return out;
}
