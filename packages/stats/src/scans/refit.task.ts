import {
  datasetFromTransfer, EventBus, Rng, withMethodApp,
  type DatasetTransfer, type Events, type Executor, type MethodContext, type MethodRef, type Prediction, type TaskContext, type TaskSpec, type UQMethod,
} from '@hepuq/core';

/** One refit of a registered method as an executor task: train on `train`, predict `test`. Structured-cloneable. */
export interface RefitInput {
  method: MethodRef;
  train: DatasetTransfer;
  test: DatasetTransfer;
  /** Seed of the training (initialisation, batches). */
  seed: number;
  /** Seed of the prediction's draws. */
  predictSeed: number;
  /** The tensor backend of the app that planned the refits, so every refit computes alike. */
  backend: string;
}

/**
 * Executor task: fit the method of `input.method` in a fresh app holding its plugin and predict the
 * test set. Everything random comes in `input`, so a retry repeats the same refit.
 * @example await executor.map([{ module: REFIT_TASK_MODULE, export: 'refitTask', input }])
 */
export function refitTask(input: RefitInput, _ctx?: TaskContext): Promise<Prediction> {
  return withMethodApp(input.method, input.backend, (method) => fitAndPredict(method, input, { events: new EventBus() }));
}

/** Train `method` with the options of `input.method` and predict the test set; the model is disposed. */
export async function fitAndPredict(method: UQMethod, input: RefitInput, ctx: Omit<MethodContext, 'rng'>): Promise<Prediction> {
  const model = await method.fit(datasetFromTransfer(input.train), input.method.options, { ...ctx, rng: new Rng(input.seed) });
  try {
    return await model.predict(datasetFromTransfer(input.test), { seed: input.predictSeed });
  } finally {
    model.dispose();
  }
}

/** Where refits run: the run's executor, else one after another in this process with this app's method. */
export interface RefitPlace {
  executor?: Executor;
  events: Events;
  signal?: AbortSignal;
  /** The app's registries for in-process refits (network bodies and methods of other plugins). */
  context?: Pick<MethodContext, 'methods' | 'networks'>;
}

/**
 * Refit `method` once per input and predict each test set, in input order: `executor.map` over
 * `refitTask` tasks when the place has an executor, else in this process (what run steps that refit
 * a model many times, such as `prior-scan` and `data-scaling`, call).
 * @example const predictions = await refitAll(method, inputs, { executor: input.executor, events: input.events, signal: input.signal })
 */
export async function refitAll(method: UQMethod, inputs: RefitInput[], place: RefitPlace): Promise<Prediction[]> {
  if (place.executor) {
    const tasks: TaskSpec<RefitInput>[] = inputs.map((input) => ({ module: REFIT_TASK_MODULE, export: 'refitTask', seed: input.seed, input }));
    return place.executor.map<RefitInput, Prediction>(tasks, { signal: place.signal });
  }
  const out: Prediction[] = [];
  for (const input of inputs) out.push(await fitAndPredict(method, input, { events: place.events, signal: place.signal, ...place.context }));
  return out;
}

/** URL of this module for executors: the .ts source when running from sources (tests, tsx), the compiled .js from dist. */
export const REFIT_TASK_MODULE: string = new URL(import.meta.url.endsWith('.ts') ? './refit.task.ts' : './refit.task.js', import.meta.url).href;
