/**
 * Every event hepuq emits, keyed by its `type:phase` name. Plugins add their own events by module
 * augmentation:
 * @example
 * declare module '@hepuq/core' { interface HepuqEventMap { 'omnifold:iteration': { step: number } } }
 */
export interface HepuqEventMap {
  'run:start': { name: string; outDir: string; seed: number; backend: string };
  'run:artifact': { path: string; kind: string };
  'run:end': { name: string; outDir: string; seconds: number };
  /** `resumedAt`: the loop continues from a checkpoint taken after this epoch. */
  'fit:start': { method: string; epochs: number; nTrain: number; resumedAt?: number };
  'fit:checkpoint': { method: string; epoch: number; epochs: number; key: string };
  'fit:epoch': { method: string; epoch: number; epochs: number; loss: number; terms?: Record<string, number>; valLoss?: number };
  'fit:end': { method: string; epochs: number; seconds: number; loss: number };
  'executor:task-start': { index: number; total: number; attempt: number };
  'executor:task-retry': { index: number; total: number; attempt: number; message: string };
  'executor:task-done': { index: number; total: number; done: number };
  'log:info': { message: string };
  'log:warn': { message: string };
}

export type HepuqEventType = keyof HepuqEventMap;

/**
 * One discriminated union over the whole map: `{ type, source?, plugin?, payload }`. `source` is what
 * the emitter says it is (a method key, `run`); `plugin` is stamped by the bus a plugin was handed
 * (`EventBus#scoped`) and cannot be set by the emitter.
 */
export type HepuqEvent = {
  [K in HepuqEventType]: { type: K; source?: string; plugin?: string; time: number; payload: HepuqEventMap[K] };
}[HepuqEventType];

export type EventOf<K extends HepuqEventType> = Extract<HepuqEvent, { type: K }>;

/** An error thrown by an event handler, isolated from the stream and attributed to its owner. */
export interface HandlerError {
  owner: string;
  eventType: HepuqEventType;
  error: unknown;
}
