import type { RngState } from '../random/rng.js';

/** Adam's state: first and second moments over the flat parameter vector, and the step count. */
export interface AdamState {
  m: Float32Array;
  v: Float32Array;
  t: number;
}

/** One training loop's state after a whole epoch: enough to continue it bit for bit. */
export interface TrainState {
  /** Completed epochs. */
  epoch: number;
  /** The loop's planned epochs (a checkpoint of another plan is refused). */
  epochs: number;
  /** Average loss of the last completed epoch. */
  loss: number;
  /** Trainable parameters in the loop's order. */
  params: Float32Array[];
  optimizer: AdamState;
  /** The batch-order generator's position. */
  rng: RngState;
}

/** Where one training loop keeps its checkpoints. */
export interface CheckpointSlot {
  readonly key: string;
  load(): Promise<TrainState | undefined>;
  save(state: TrainState): Promise<void>;
}

/**
 * Checkpoints of the training loops of one fit, handed to methods as `MethodContext.checkpoints`
 * and passed on to `trainLoop`. Loops take slots in call order, which is deterministic for a fixed
 * config and seed, so a resumed fit finds each loop's state again: a loop that had finished is
 * restored at its end and does not train, the interrupted one continues after its last checkpoint.
 * Anything else a loss draws at random must come from `trainLoop`'s `onEpoch` hook (derived from
 * the epoch number), so that it too continues exactly.
 */
export interface TrainCheckpoints {
  /** Save every `every` epochs (and when a loop ends). */
  readonly every: number;
  slot(method: string): CheckpointSlot;
}
