import type { Events } from '../events/event-bus.js';
import type { TrainCheckpoints } from '../train/train-checkpoints.js';

/** What a run asks of the store before any work (`hepuq run` flags map onto it). */
export interface ArtifactRequest {
  /** Parent of run outputs (`--out`). */
  root: string;
  /** Run name, one path segment. */
  name: string;
  /** What makes two runs the same (config, backend, versions): a checkpoint of another run is refused. */
  fingerprint: unknown;
  overwrite?: boolean;
  resume?: boolean;
  checkpointEvery?: number;
  events: Events;
}

/** A claimed place for one run: held from before training until `release`. */
export interface ArtifactSlot {
  /** Where the run's files end up (a directory or URL), for messages and events. */
  readonly location: string;
  /** Training checkpoints, when the request asked for them or resumes. */
  readonly checkpoints?: TrainCheckpoints;
  /**
   * Publish the run's files all at once: `fill` writes them into a private staging directory; the
   * previous run of the name is replaced only if the request allowed it. Returns the published paths.
   */
  publish(fill: (staging: string) => Promise<void>): Promise<void>;
  /** Let go of the slot; after a successful publish its checkpoints are dropped too. */
  release(published: boolean): Promise<void>;
}

/**
 * Where runs are written (`ArtifactStoreToken`). The CLI provides a local-directory store (atomic
 * swap, lock, marker, checkpoints: docs/run-config.md); a plugin may provide another (object store,
 * shared file system) without touching the run pipeline.
 */
export interface ArtifactStore {
  open(request: ArtifactRequest): Promise<ArtifactSlot>;
}
