/** The h5wasm Node build (host file system through NODERAWFS), loaded on first use. */
export type H5Wasm = typeof import('h5wasm/node');
/** The emscripten module behind h5wasm (raw reads into the wasm heap). */
export type H5Module = Awaited<H5Wasm['ready']>;

let loading: Promise<{ h5: H5Wasm; module: H5Module }> | undefined;

/**
 * Load h5wasm once (CSV/npy users never pay for the wasm start-up).
 * @example const { h5 } = await loadH5wasm(); const f = new h5.File('x.h5', 'r')
 */
export function loadH5wasm(): Promise<{ h5: H5Wasm; module: H5Module }> {
  loading ??= (async () => {
    const h5 = await import('h5wasm/node');
    const module = await h5.ready;
    return { h5, module };
  })();
  return loading;
}
