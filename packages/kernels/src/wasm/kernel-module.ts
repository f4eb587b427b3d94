/** The exports of dist/hepuq-kernels.wasm (assembly/index.ts); pointers are byte offsets into the tfjs heap. */
export interface KernelExports {
  denseForward(x: number, w: number, b: number, y: number, n: number, k: number, m: number, act: number): void;
  denseBackward(x: number, w: number, y: number, dy: number, dx: number, dw: number, db: number, n: number, k: number, m: number, act: number, scratch: number): void;
  denseBackwardScratch(n: number, k: number, m: number, act: number): number;
  denseForwardStacked(x: number, w: number, b: number, y: number, members: number, xShared: number, n: number, k: number, m: number, act: number): void;
  denseBackwardStacked(x: number, w: number, y: number, dy: number, dx: number, dw: number, db: number, members: number, xShared: number, n: number, k: number, m: number, act: number, scratch: number): void;
  denseBackwardStackedScratch(xShared: number, n: number, k: number, m: number, act: number): number;
  gaussianNll(mu: number, raw: number, y: number, w: number, n: number, t: number, ldIn: number, loss: number, dmu: number, draw: number, ldOut: number, bounded: number, lo: number, hi: number, norm: number): void;
  philoxNormal(out: number, count: number, k0: number, k1: number, c1: number, c2: number, tail: number): void;
  variationalForward(h: number, wMu: number, bMu: number, wS: number, bS: number, a: number, c: number, n: number, k: number, m: number, act: number, k0: number, k1: number, c1: number, c2: number, scratch: number): void;
  variationalForwardScratch(n: number, k: number, m: number): number;
  variationalBackward(h: number, wMu: number, wS: number, a: number, c: number, da: number, dh: number, dwMu: number, dbMu: number, dwS: number, dbS: number, n: number, k: number, m: number, act: number, scratch: number): void;
  variationalBackwardScratch(n: number, k: number, m: number): number;
  meanFieldForward(params: number, p: number, from: number, count: number, muOut: number, s2Out: number, logPrior: number, invPrior2: number): number;
  meanFieldBackward(params: number, p: number, from: number, count: number, dmu: number, ds2: number, dkl: number, invPrior2: number, dOut: number): void;
  adam(p: number, m: number, v: number, g: number, pOut: number, mOut: number, vOut: number, size: number, alpha: number, b1: number, c1: number, b2: number, c2: number, eps: number): void;
}

/** Where the build puts the module: `dist/` of this package, the same path from `src/wasm` and `dist/wasm`. */
export const KERNELS_WASM_URL = new URL('../../dist/hepuq-kernels.wasm', import.meta.url);

let compiled: Promise<WebAssembly.Module> | undefined;
let compiledSync: WebAssembly.Module | undefined;
const instances = new WeakMap<WebAssembly.Memory, KernelExports>();

/** Compile the kernels once per process (from `bytes` if given, else from the package's dist/). */
export function compileKernels(bytes?: BufferSource): Promise<WebAssembly.Module> {
  compiled ??= (bytes ? Promise.resolve(bytes) : readKernelBytes()).then((b) => WebAssembly.compile(b));
  compiled.catch(() => { compiled = undefined; }); // a failed load may be retried
  return compiled;
}

/**
 * Compile the kernels synchronously from the package's dist/, in Node only (it needs `node:fs`
 * through `process.getBuiltinModule`, Node >= 20.16); undefined elsewhere. The module is 9 kB, so a
 * synchronous compile costs about a millisecond.
 */
export function compileKernelsSync(): WebAssembly.Module | undefined {
  if (compiledSync) return compiledSync;
  const fs = KERNELS_WASM_URL.protocol === 'file:' ? (globalThis.process as { getBuiltinModule?(id: string): unknown } | undefined)?.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined : undefined;
  if (!fs) return undefined;
  compiledSync = new WebAssembly.Module(fs.readFileSync(KERNELS_WASM_URL));
  return compiledSync;
}

async function readKernelBytes(): Promise<BufferSource> {
  if (KERNELS_WASM_URL.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    try {
      return await readFile(KERNELS_WASM_URL);
    } catch (e) {
      throw new Error(`@hepuq/kernels: cannot read ${KERNELS_WASM_URL.pathname} (${(e as Error).message}); run \`npm run build\` to compile the AssemblyScript kernels`);
    }
  }
  const response = await fetch(KERNELS_WASM_URL);
  if (!response.ok) throw new Error(`@hepuq/kernels: fetching ${KERNELS_WASM_URL.href} failed with HTTP ${response.status}`);
  return response.arrayBuffer();
}

/**
 * The kernels instantiated against `memory` (one instance per memory, made on first use). The module
 * imports the memory and owns no part of it, so it runs in whatever memory it is given.
 */
export function kernelsIn(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  let exports = instances.get(memory);
  if (!exports) {
    exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
    instances.set(memory, exports);
  }
  return exports;
}
