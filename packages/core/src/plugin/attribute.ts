import { HepuqError, isHepuqError } from '../errors/hepuq-error.js';
import { EventBus } from '../events/event-bus.js';

/**
 * The error as thrown by plugin `plugin`: a HepuqError that names no plugin gets its name; any other
 * error is a bug in the plugin, an `InternalError` that names it and says where to report it.
 */
export function attributeError(e: unknown, plugin: string): unknown {
  if (isHepuqError(e)) {
    return e.plugin ? e : new HepuqError(e.code, e.message, { plugin, hint: e.hint, cause: e.cause ?? e });
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new HepuqError('InternalError', message, {
    plugin,
    cause: e,
    hint: `This is a bug in the plugin ${plugin}: report it to its authors (\`npm bugs ${plugin}\`) with the command, the config and the output of the same command with --debug.`,
  });
}

const WRAPPED = Symbol.for('hepuq:attributed');

/** A fitted model, an executor, a sampler: an object with `dispose` that is not a tensor. */
function ownsResources(x: unknown): x is object {
  return x !== null && typeof x === 'object' && typeof (x as { dispose?: unknown }).dispose === 'function' && !('dataId' in x);
}

/**
 * `value` as registered by `plugin` (a Proxy; the original is untouched): every method call on it
 * stamps the plugin on what it throws or rejects with (`attributeError`), hands the plugin's scoped
 * event stream to any plain-object argument carrying `events` (method contexts, step inputs), and
 * attributes the objects it returns that own resources (fitted models, executors: anything with
 * `dispose`) the same way.
 */
export function attributed<T>(value: T, plugin: string, bus: EventBus): T {
  if (value === null || typeof value !== 'object' || (value as Record<symbol, unknown>)[WRAPPED]) return value;
  const scoped = bus.scoped(plugin);
  const scopeArg = (arg: unknown): unknown =>
    arg !== null && typeof arg === 'object' && Object.getPrototypeOf(arg) === Object.prototype && (arg as { events?: unknown }).events instanceof EventBus
      ? { ...arg, events: scoped }
      : arg;
  const settle = (result: unknown): unknown =>
    ownsResources(result) ? attributed(result, plugin, bus) : result;
  return new Proxy(value as object, {
    get(target, prop) {
      if (prop === WRAPPED) return true;
      const member = Reflect.get(target, prop, target) as unknown;
      if (typeof member !== 'function' || prop === 'constructor') return member;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = (member as (...a: unknown[]) => unknown).apply(target, args.map(scopeArg));
        } catch (e) {
          throw attributeError(e, plugin);
        }
        if (result instanceof Promise) {
          return result.then(settle, (e: unknown) => {
            throw attributeError(e, plugin);
          });
        }
        return settle(result);
      };
    },
  }) as T;
}
