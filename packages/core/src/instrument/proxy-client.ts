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

/** Client methods that return a new client (`withOptions`), and how to wrap what they return. */
export interface DerivedClients {
  methods: readonly string[];
  /** Wraps a derived client the way this one is wrapped. A throw leaves that client unwrapped. */
  wrap(client: object): object;
}

/** A client method returning a new client: the new client comes back wrapped too. */
function derivingMethod(method: AnyFunction, target: object, wrap: DerivedClients['wrap']): AnyFunction {
  return function deriving(...args: unknown[]) {
    const derived = method.apply(target, args);
    if (derived === null || typeof derived !== 'object') return derived;
    try {
      return wrap(derived);
    } catch {
      return derived;
    }
  };
}

/**
 * Returns a wrapped SDK client in which the methods named in `spec` are replaced and everything else passes
 * through untouched: other resources and methods, properties, `instanceof`, assignments. The client itself is
 * not changed (another reference to it stays unwrapped).
 *
 * The wrapped client is an object holding one accessor per instrumented resource, whose prototype is a Proxy of
 * the real client: everything else is read through the Proxy (methods bound to the real client, since SDK clients
 * use private fields) and assigned to the real client. Each instrumented resource is a *view*: an object whose
 * prototype is the real resource, holding the replaced methods, the views of its instrumented sub-resources, and
 * the wrapped client as its `_client`, so SDK helpers that call back into the client (`parse`, `stream`,
 * `runTools`) go through the replaced methods too. A replaced method calls the original on the real resource, so
 * the SDK's own request path runs on the real client. A call such as `client.chat.completions.create(…)` runs no
 * Proxy trap at all: a trap and its invariant check cost about 3 µs on a call that follows network I/O (cold
 * caches). Views, bound methods and replacements are made once and cached. `marker` reads as true on the wrapped
 * client, which lets a second wrap recognise the first. Methods named in `derived` (`withOptions`) return their
 * new client wrapped. Own-key reflection (`Object.keys`) sees the resource accessors, not the client's fields.
 */
export function proxyClient<C extends object>(
  client: C,
  spec: ResourceSpec,
  marker: symbol,
  derived?: DerivedClients,
): C {
  const bound = new WeakMap<AnyFunction, AnyFunction>();
  const views = new WeakMap<object, object>();

  /** An accessor for an instrumented resource: the view of whatever the real owner holds under `name` now. */
  const defineResource = (
    on: object,
    owner: Record<string, unknown>,
    name: string,
    childSpec: ResourceSpec,
  ): void => {
    let lastReal: unknown;
    let lastView: unknown;
    Object.defineProperty(on, name, {
      configurable: true,
      enumerable: true,
      get() {
        const real = owner[name];
        if (real !== lastReal) {
          lastReal = real;
          lastView = real !== null && typeof real === 'object' ? viewOf(real, childSpec) : real;
        }
        return lastView;
      },
      set(value: unknown) {
        owner[name] = value;
      },
    });
  };

  const viewOf = (resource: object, resourceSpec: ResourceSpec): object => {
    const cached = views.get(resource);
    if (cached) return cached;
    const view = Object.create(resource) as Record<PropertyKey, unknown>;
    const define = (key: string, descriptor: PropertyDescriptor) =>
      Object.defineProperty(view, key, { configurable: true, enumerable: false, ...descriptor });
    define('_client', { value: wrapped, writable: true });
    for (const [name, wrapper] of Object.entries(resourceSpec.methods ?? {})) {
      const original = (resource as Record<string, unknown>)[name];
      if (typeof original !== 'function') continue;
      const replaced = function (this: unknown, ...args: unknown[]) {
        // called as `view.create(…)` (or detached): the original runs on the real resource
        const receiver = this === view || this === undefined || this === null ? resource : (this as object);
        return wrapper(original as AnyFunction, receiver, args);
      };
      Object.defineProperty(replaced, 'name', { value: original.name });
      define(name, { value: replaced, writable: true, enumerable: true });
    }
    for (const [name, childSpec] of Object.entries(resourceSpec.resources ?? {}))
      defineResource(view, resource as Record<string, unknown>, name, childSpec);
    views.set(resource, view);
    return view;
  };

  const passThrough = new Proxy(client, {
    get(target, property) {
      if (property === marker) return true;
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value === 'function' && property !== 'constructor') {
        let method = bound.get(value as AnyFunction);
        if (!method) {
          method =
            derived && typeof property === 'string' && derived.methods.includes(property)
              ? derivingMethod(value as AnyFunction, target, derived.wrap)
              : (value as AnyFunction).bind(target);
          bound.set(value as AnyFunction, method);
        }
        return method;
      }
      return value;
    },
    has(target, property) {
      return property === marker || Reflect.has(target, property);
    },
    // reached for any property the wrapped object does not hold itself: the assignment goes to the real client
    set(target, property, value) {
      return Reflect.set(target, property, value, target);
    },
  });
  const wrapped = Object.create(passThrough) as C;
  for (const [name, childSpec] of Object.entries(spec.resources ?? {}))
    defineResource(wrapped, client as Record<string, unknown>, name, childSpec);
  return wrapped;
}

/** True when `client` was wrapped by {@link proxyClient} with this marker. */
export function isProxiedClient(client: unknown, marker: symbol): boolean {
  return (
    client !== null && typeof client === 'object' && (client as Record<symbol, unknown>)[marker] === true
  );
}
