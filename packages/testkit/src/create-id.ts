import { randomBytes } from 'node:crypto';

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphanumeric[byte % alphanumeric.length];
  return out;
}

function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

/** Creates an id in a provider's format, e.g. `createId('chatcmpl')` → `chatcmpl-AbC…` (29 characters). */
export function createId(
  kind:
    | 'chatcmpl'
    | 'cmpl'
    | 'call'
    | 'resp'
    | 'msg-item'
    | 'fc'
    | 'msg'
    | 'toolu'
    | 'openai-req'
    | 'anthropic-req',
): string {
  switch (kind) {
    case 'chatcmpl':
      return `chatcmpl-${randomAlphanumeric(29)}`;
    case 'cmpl':
      return `cmpl-${randomAlphanumeric(29)}`;
    case 'call':
      return `call_${randomAlphanumeric(24)}`;
    case 'resp':
      return `resp_${randomHex(50)}`;
    case 'msg-item':
      return `msg_${randomHex(50)}`;
    case 'fc':
      return `fc_${randomHex(50)}`;
    case 'msg':
      return `msg_01${randomAlphanumeric(22)}`;
    case 'toolu':
      return `toolu_01${randomAlphanumeric(22)}`;
    case 'openai-req':
      return `req_${randomHex(32)}`;
    case 'anthropic-req':
      return `req_011C${randomAlphanumeric(20)}`;
  }
}
