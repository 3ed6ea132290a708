import { describe, expect, it } from 'vitest';
import { isProxiedClient, proxyClient } from './proxy-client';

class Resource {
  constructor(protected _client: Client) {}
  create(value: number) {
    return { value, via: this._client.tag() };
  }
  helper(value: number) {
    return this._client.things.create(value);
  }
  other() {
    return 'other';
  }
}

class Client {
  #secret = 'private';
  things = new Resource(this);
  constructor(readonly label = 'first') {}
  tag() {
    return this.#secret;
  }
  withOptions(label: string) {
    return new Client(label);
  }
}

const MARK = Symbol('test');

/** Instruments `things.create`: its result comes back as `{ wrapped: … }`. */
const spec = {
  resources: {
    things: {
      methods: { create: (original, receiver, args) => ({ wrapped: original.apply(receiver, args) }) },
    },
  },
} satisfies Parameters<typeof proxyClient>[1];

describe('proxyClient', () => {
  const wrapped = () => proxyClient(new Client(), spec, MARK);

  it('replaces the named methods and passes everything else through', () => {
    const client = wrapped();
    expect(client.things.create(1)).toEqual({ wrapped: { value: 1, via: 'private' } });
    expect(client.things.other()).toBe('other');
    expect(client.tag()).toBe('private');
    expect(client).toBeInstanceOf(Client);
    expect(client.things).toBeInstanceOf(Resource);
  });

  it('routes SDK helpers that call back through _client into the replaced methods', () => {
    expect(wrapped().things.helper(2)).toEqual({ wrapped: { value: 2, via: 'private' } });
  });

  it('returns stable objects and is recognisable', () => {
    const client = wrapped();
    expect(client.things).toBe(client.things);
    expect(client.things.create).toBe(client.things.create);
    expect(client.tag).toBe(client.tag);
    expect(isProxiedClient(client, MARK)).toBe(true);
    expect(isProxiedClient(new Client(), MARK)).toBe(false);
  });

  it('sends assignments to the real client and follows resources replaced on it', () => {
    const real = new Client();
    const client = proxyClient(real, spec, MARK) as Client & { extra?: number };
    client.extra = 1;
    expect((real as Client & { extra?: number }).extra).toBe(1);
    expect(client.extra).toBe(1);
    expect('tag' in client && 'things' in client && MARK in client).toBe(true);

    real.things = new Resource(real);
    expect(Object.getPrototypeOf(client.things)).toBe(real.things);
    expect(client.things.create(4)).toEqual({ wrapped: { value: 4, via: 'private' } });
    const replacement = new Resource(real);
    client.things = replacement;
    expect(real.things).toBe(replacement);
  });

  it('wraps the clients that the derived-client methods return, and leaves them unwrapped if wrapping throws', () => {
    const wrap = (client: Client): Client =>
      proxyClient(client, spec, MARK, { methods: ['withOptions'], wrap });
    const derived = wrap(new Client()).withOptions('second');
    expect(derived.label).toBe('second');
    expect(isProxiedClient(derived, MARK)).toBe(true);
    expect(derived.things.create(3)).toEqual({ wrapped: { value: 3, via: 'private' } });

    const failing = proxyClient(new Client(), spec, MARK, {
      methods: ['withOptions'],
      wrap: () => {
        throw new Error('boom');
      },
    });
    const plain = failing.withOptions('third');
    expect(plain.label).toBe('third');
    expect(isProxiedClient(plain, MARK)).toBe(false);
  });
});
