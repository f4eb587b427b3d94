import { AsyncLocalStorage } from 'node:async_hooks';

/** The guarded call a stray rejection belongs to. */
interface Guard {
  fail(reason: unknown): void;
}

const scope = new AsyncLocalStorage<Guard>();
const handled = new WeakSet<object>();
let active = 0;

/**
 * Route an unhandled rejection to the guarded jsroot call it was raised in (Node runs this listener
 * in the async context of the rejected promise). A rejection from elsewhere keeps Node's default,
 * ending the process, unless the application listens for unhandled rejections itself.
 */
function onUnhandled(reason: unknown): void {
  const guard = scope.getStore();
  if (guard) {
    if (typeof reason === 'object' && reason !== null) handled.add(reason);
    guard.fail(reason);
  } else if (process.listenerCount('unhandledRejection') === 1) throw reason;
}

/**
 * Whether hepuq already turned this unhandled rejection into the error of a ROOT read. Node still
 * shows it to every other `unhandledRejection` listener (the fuzz worker's, a test runner's), which
 * can use this to tell it from a stray one.
 * @example process.on('unhandledRejection', (r) => { if (!isHandledJsrootRejection(r)) report(r) })
 */
export function isHandledJsrootRejection(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && handled.has(reason);
}

/**
 * Run a jsroot call so that an error jsroot raises on a promise it never returns still ends the call.
 * jsroot's `treeProcess` starts its basket loop as `readBaskets(...).then(processBaskets)` without
 * keeping the promise (jsroot 7.11 tree.mjs), so an exception while decoding a damaged basket is an
 * unhandled rejection (which ends a Node process) and the returned promise never settles. Inside
 * `guardJsroot` such a rejection rejects the guarded call instead; the listener that catches it is
 * installed only while a guarded call runs (and one turn of the event loop after, for late ones).
 * @example await guardJsroot(() => treeProcess(tree, selector, { numentries: 100 }))
 */
export async function guardJsroot<T>(call: () => Promise<T>): Promise<T> {
  let fail!: (reason: unknown) => void;
  const stray = new Promise<never>((_, reject) => (fail = reject));
  stray.catch(() => undefined);
  if (active++ === 0) process.prependListener('unhandledRejection', onUnhandled);
  try {
    return await scope.run({ fail }, () => Promise.race([call(), stray]));
  } finally {
    setImmediate(() => {
      if (--active === 0) process.removeListener('unhandledRejection', onUnhandled);
    });
  }
}
