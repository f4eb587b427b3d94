/** Which tensor backend ran, recorded in every run's config.resolved.json. */
export interface BackendInfo {
  name: BackendName;
  /** The package that provided it. */
  package: string;
  version: string;
  /** True when the backend was forced by HEPUQ_BACKEND / --backend. */
  forced: boolean;
}

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Selection order at start-up (DESIGN.md section 2): the first that loads wins. */
export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
