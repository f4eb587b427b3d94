import { createToken } from './di/token.js';
import type { Events } from './events/event-bus.js';
import type { ExecutorFactory } from './executor/executor.js';
import type { Rng } from './random/rng.js';
import type { Registries } from './registry/registries.js';
import type { ReportWriter } from './report-section.js';
import type { ArtifactStore } from './services/artifact-store.js';
import type { ProgressSink } from './services/progress-sink.js';

// Core's injection tokens: one place, `Symbol.for` keys, so every copy of core agrees. Resolve them
// through `Services` (`ctx.services.resolve(RegistriesToken)`); provide or replace the service ones
// from a plugin with `ctx.provide(Token, value)`. docs/plugin-authors.md lists who provides what.

/** The app's registries. Provided by the app. */
export const RegistriesToken = createToken<Registries>('hepuq:registries');
/** The app's event stream (a plugin resolves its own scoped copy). Provided by the app. */
export const EventsToken = createToken<Events>('hepuq:events');
/** The app's root generator (fork it, never draw from it directly). Provided by the app. */
export const RngToken = createToken<Rng>('hepuq:rng');
/** Where runs are written. Provided by the CLI (local directories); replaceable. */
export const ArtifactStoreToken = createToken<ArtifactStore>('hepuq:artifact-store');
/** Renders report documents to files. Provided by @hepuq/report; replaceable. */
export const ReportWriterToken = createToken<ReportWriter>('hepuq:report-writer');
/** Shows progress and logs. Provided by the CLI (terminal); replaceable. */
export const ProgressSinkToken = createToken<ProgressSink>('hepuq:progress-sink');
/**
 * The executor a run uses when its config names none (`executor:` absent). Not provided by default:
 * methods then train in-process. A distributed-executor plugin provides it to take over every run.
 */
export const DefaultExecutorToken = createToken<ExecutorFactory>('hepuq:default-executor');
