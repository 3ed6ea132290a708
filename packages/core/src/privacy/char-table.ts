/** Character classes for the ASCII range, as bit flags, so the scanner's inner loop is one table read per character. */
export const DIGIT = 1;
export const UPPER = 2;
export const LOWER = 4;
/** `[A-Za-z0-9_]` */
export const WORD = 8;
/** Characters allowed in an email local part: `[A-Za-z0-9._%+-]`. */
export const LOCAL = 16;
/** Characters allowed in a domain name: `[A-Za-z0-9.-]`. */
export const DOMAIN = 32;
/** Characters of API-key-like tokens: `[A-Za-z0-9_-]`. */
export const TOKEN = 64;
export const HEX = 128;

export const CHAR_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  const add = (chars: string, flag: number) => {
    for (const char of chars) table[char.charCodeAt(0)]! |= flag;
  };
  const digits = '0123456789';
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const lower = upper.toLowerCase();
  add(digits, DIGIT | WORD | LOCAL | DOMAIN | TOKEN | HEX);
  add(upper, UPPER | WORD | LOCAL | DOMAIN | TOKEN);
  add(lower, LOWER | WORD | LOCAL | DOMAIN | TOKEN);
  add('ABCDEFabcdef', HEX);
  add('_', WORD | LOCAL | TOKEN);
  add('.%+', LOCAL);
  add('-', LOCAL | DOMAIN | TOKEN);
  add('.', DOMAIN);
  return table;
})();

/** The class flags of the character at `index` (0 outside the string or beyond ASCII). */
export function classAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? CHAR_CLASS[code]! : 0;
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether a UTF-16 code unit is whitespace as `\s` in a regular expression sees it (WhiteSpace or LineTerminator). */
export function isWhitespaceCode(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
