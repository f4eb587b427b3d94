import type { Events } from '../events/event-bus.js';

/**
 * Shows a run's progress and logs (`ProgressSinkToken`): the CLI provides a terminal renderer
 * (progress bars on a TTY, plain lines otherwise, JSON lines with --json); a plugin may provide
 * another (a dashboard, a log shipper). `attach` subscribes; the returned function detaches.
 */
export interface ProgressSink {
  attach(events: Events): () => void;
}
