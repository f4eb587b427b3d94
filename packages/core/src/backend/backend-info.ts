/** Which tensor backend ran, recorded in every run's config.resolved.json. */
export interface BackendInfo {
  name: BackendName;
  /** The package that provided it. */
  package: string;
  version: string;
  /** True when the backend was forced by HEPUQ_BACKEND / --backend. */
  forced: boolean;
  /**
   * Whether `@hepuq/kernels`' fused wasm kernels run (the wasm backend with SIMD); false means the
   * same math as plain tfjs ops, with `kernelsError` saying why where loading them failed.
   */
  kernels: boolean;
  kernelsError?: string;
}

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Selection order at start-up (DESIGN.md section 2): the first that loads wins. */
export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
