/** Replaces one SDK method: receives the original, the receiver and the caller's arguments. */
export type MethodWrapper = (
  original: (...args: unknown[]) => unknown,
  receiver: object,
  args: unknown[],
) => unknown;

/** Which resources of a client to look into and which of their methods to replace. */
export interface ResourceSpec {
  methods?: Readonly<Record<string, MethodWrapper>>;
  resources?: Readonly<Record<string, ResourceSpec>>;
}

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * Returns a Proxy of an SDK client in which the methods named in `spec` are replaced and everything else passes
 * through untouched: other resources and methods, properties, `instanceof`, assignments. Client methods are bound
 * to the real client (SDK clients use private fields); instrumented resources see the proxy as their `_client`,
 * so SDK helpers that call back into the client (`parse`, `stream`) go through the instrumented methods too.
 * Proxies and bound methods are created once and cached, so repeated property reads return the same objects.
 * `marker` reads as true on the proxy, which lets a second wrap recognise the first.
 */
export function proxyClient<C extends object>(client: C, spec: ResourceSpec, marker: symbol): C {
  const bound = new WeakMap<AnyFunction, AnyFunction>();
  const resourceProxies = new WeakMap<object, object>();

  const proxyResource = (resource: object, resourceSpec: ResourceSpec): object => {
    const cached = resourceProxies.get(resource);
    if (cached) return cached;
    const wrappers = new Map<AnyFunction, AnyFunction>();
    const proxy = new Proxy(resource, {
      get(target, property, receiver) {
        if (property === '_client') return clientProxy;
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof property !== 'string') return value;
        const wrapper = resourceSpec.methods?.[property];
        if (wrapper && typeof value === 'function') {
          let wrapped = wrappers.get(value as AnyFunction);
          if (!wrapped) {
            const original = value as AnyFunction;
            wrapped = function (this: object, ...args: unknown[]) {
              return wrapper(original, this ?? proxy, args);
            };
            Object.defineProperty(wrapped, 'name', { value: original.name });
            wrappers.set(original, wrapped);
          }
          return wrapped;
        }
        const child = resourceSpec.resources?.[property];
        if (child && value !== null && typeof value === 'object') return proxyResource(value, child);
        return value;
      },
    });
    resourceProxies.set(resource, proxy);
    return proxy;
  };

  const clientProxy: C = new Proxy(client, {
    get(target, property) {
      if (property === marker) return true;
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof property === 'string') {
        const child = spec.resources?.[property];
        if (child && value !== null && typeof value === 'object') return proxyResource(value, child);
      }
      if (typeof value === 'function' && property !== 'constructor') {
        let method = bound.get(value as AnyFunction);
        if (!method) {
          method = (value as AnyFunction).bind(target);
          bound.set(value as AnyFunction, method);
        }
        return method;
      }
      return value;
    },
    has(target, property) {
      return property === marker || Reflect.has(target, property);
    },
  });
  return clientProxy;
}

/** True when `client` is a proxy made by {@link proxyClient} with this marker. */
export function isProxiedClient(client: unknown, marker: symbol): boolean {
  return (
    client !== null && typeof client === 'object' && (client as Record<symbol, unknown>)[marker] === true
  );
}
