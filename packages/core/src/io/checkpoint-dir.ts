import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckpointSlot, TrainCheckpoints, TrainState } from '../train/train-checkpoints.js';
import { readModelDir, writeModelDir } from './model-dir.js';

const STATE = 'train-state';

/**
 * Training checkpoints as one model directory per loop under `dir` (`00-het-mlp/`, `01-bnn/`, ...),
 * each written atomically, so a kill during a save leaves the previous checkpoint whole.
 * @example const ctx = { ...methodContext, checkpoints: new DirCheckpoints('runs/.demo.checkpoint', 5) }
 */
export class DirCheckpoints implements TrainCheckpoints {
  #next = 0;

  constructor(readonly dir: string, readonly every: number) {
    if (!Number.isInteger(every) || every < 1) throw new RangeError(`checkpoint interval must be a positive integer of epochs, got ${every}`);
  }

  slot(method: string): CheckpointSlot {
    const key = `${String(this.#next++).padStart(2, '0')}-${method.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const path = join(this.dir, key);
    return {
      key,
      load: () => loadState(path),
      save: (state) => saveState(path, state),
    };
  }
}

async function saveState(path: string, s: TrainState): Promise<void> {
  await writeModelDir(path, {
    method: STATE,
    spec: { epoch: s.epoch, epochs: s.epochs, loss: s.loss, adamStep: s.optimizer.t, rng: s.rng },
    arrays: [
      ...s.params.map((data, i) => ({ name: `param${i}`, shape: [data.length], data })),
      { name: 'adam_m', shape: [s.optimizer.m.length], data: s.optimizer.m },
      { name: 'adam_v', shape: [s.optimizer.v.length], data: s.optimizer.v },
    ],
  });
}

async function loadState(path: string): Promise<TrainState | undefined> {
  if (!(await lstat(path).then(() => true, () => false))) return undefined;
  const archive = await readModelDir(path, STATE);
  const spec = archive.spec as { epoch: number; epochs: number; loss: number; adamStep: number; rng: TrainState['rng'] };
  const get = (name: string) => archive.arrays.find((a) => a.name === name)?.data ?? new Float32Array(0);
  return {
    epoch: spec.epoch,
    epochs: spec.epochs,
    loss: spec.loss,
    params: archive.arrays.filter((a) => a.name.startsWith('param')).map((a) => a.data),
    optimizer: { m: get('adam_m'), v: get('adam_v'), t: spec.adamStep },
    rng: spec.rng,
  };
}
