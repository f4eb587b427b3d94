import * as tf from '@tensorflow/tfjs';
import { HepuqError } from '../errors/hepuq-error.js';
import { BACKEND_ORDER, type BackendInfo, type BackendName } from './backend-info.js';
import { registerWasmMatMulFastPath } from './wasm-matmul-fast-path.js';
import { registerWasmGatherRows } from './wasm-gather-rows.js';
import { registerWasmSharedIdentity } from './wasm-shared-identity.js';

interface Candidate {
  /** The package to import; importing it registers its tfjs backend. */
  pkg: string;
  /** The name tfjs registers the backend under. */
  tfName: string;
}

const CANDIDATES: Record<BackendName, Candidate> = {
  'tensorflow-gpu': { pkg: '@tensorflow/tfjs-node-gpu', tfName: 'tensorflow' },
  tensorflow: { pkg: '@tensorflow/tfjs-node', tfName: 'tensorflow' },
  wasm: { pkg: '@tensorflow/tfjs-backend-wasm', tfName: 'wasm' },
  cpu: { pkg: '@tensorflow/tfjs-backend-cpu', tfName: 'cpu' },
};

let active: BackendInfo | undefined;

/** Accepts `wasm`, `cpu`, `tensorflow`, `tensorflow-gpu` (and `node`, `node-gpu` as aliases). */
export function parseBackendName(value: string): BackendName {
  const aliases: Record<string, BackendName> = { node: 'tensorflow', 'node-gpu': 'tensorflow-gpu', gpu: 'tensorflow-gpu' };
  const name = aliases[value] ?? value;
  if (!(BACKEND_ORDER as readonly string[]).includes(name)) {
    throw new HepuqError('InvalidConfig', `backend "${value}" is not one of ${BACKEND_ORDER.join(', ')}`);
  }
  return name as BackendName;
}

/**
 * Select and initialise the tensor backend once per process: `forced` (or HEPUQ_BACKEND) if given,
 * else the first of tfjs-node-gpu > tfjs-node > wasm > cpu that loads. The optional tfjs-node
 * packages are used only when installed; wasm loads offline from its npm package files.
 * @example const info = await selectBackend(); console.log(info.name)
 */
export async function selectBackend(forced?: string): Promise<BackendInfo> {
  const request = forced ?? process.env.HEPUQ_BACKEND;
  const wanted = request ? [parseBackendName(request)] : BACKEND_ORDER;
  if (active && wanted.includes(active.name)) return active;
  const failures: string[] = [];
  for (const name of wanted) {
    const candidate = CANDIDATES[name];
    try {
      if (name !== 'cpu') await import(candidate.pkg);
      if (name === 'wasm') {
        registerWasmMatMulFastPath();
        registerWasmSharedIdentity();
        registerWasmGatherRows();
      }
      if (!(await tf.setBackend(candidate.tfName))) throw new Error('setBackend returned false');
      await tf.ready();
      if (name === 'tensorflow-gpu' && !tf.env().getBool('IS_NODE')) throw new Error('not in Node');
      active = { name, package: candidate.pkg, version: tf.version.tfjs, forced: Boolean(request) };
      return active;
    } catch (e) {
      failures.push(`${candidate.pkg}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new HepuqError('BackendUnavailable', `no tensor backend could be initialised (${failures.join('; ')})`);
}

/** The backend selected by `selectBackend`, if any. */
export function activeBackend(): BackendInfo | undefined {
  return active;
}

/**
 * The name an executor task passes to `selectBackend` (or `createHepuq`) to compute as this process
 * does: hepuq's name of the selected backend (`tensorflow-gpu` and `tensorflow` are both `tensorflow`
 * to tfjs), tfjs's own name only when hepuq selected none.
 * @example input.backend = taskBackend()
 */
export function taskBackend(): string {
  return active?.name ?? tf.getBackend();
}
