import cliProgress from 'cli-progress';
import type { Events, HepuqEvent, ProgressSink } from '@hepuq/core';
import type { Subscription } from 'rxjs';

export interface RendererOptions {
  json: boolean;
  tty: boolean;
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Render the one event stream: `--json` prints every event as a JSON line; on a TTY a progress bar
 * follows fit epochs and executor tasks; otherwise plain lines at most every 10% of an epoch loop.
 * Handler errors from plugins are reported (never fatal).
 */
export function renderEvents(events: Events, opts: RendererOptions): Subscription {
  const subscription = events.errors$.subscribe((e) => {
    opts.err(`warning: an event handler of ${e.owner} threw on ${e.eventType}: ${(e.error as Error)?.message ?? e.error}`);
  });
  if (opts.json) {
    subscription.add(events.events$.subscribe((e) => opts.out(JSON.stringify(e))));
    return subscription;
  }
  let bar: cliProgress.SingleBar | undefined;
  const plain = (e: HepuqEvent): void => {
    switch (e.type) {
      case 'fit:start':
        if (opts.tty) {
          bar = new cliProgress.SingleBar({ format: `${e.payload.method} {bar} epoch {value}/{total} loss {loss}`, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(e.payload.epochs, e.payload.resumedAt ?? 0, { loss: '-' });
        } else {
          const resumed = e.payload.resumedAt !== undefined ? `, resumed after epoch ${e.payload.resumedAt}` : '';
          opts.err(`${e.payload.method}: training on ${e.payload.nTrain} events for ${e.payload.epochs} epochs${resumed}`);
        }
        break;
      case 'fit:epoch': {
        const { epoch, epochs, loss, method } = e.payload;
        if (bar) bar.update(epoch, { loss: loss.toPrecision(4) });
        else if (reported(epoch, epochs)) opts.err(`${method}: epoch ${epoch}/${epochs} loss ${loss.toPrecision(4)}`);
        break;
      }
      case 'fit:end':
        bar?.stop();
        bar = undefined;
        opts.err(`${e.payload.method}: trained in ${e.payload.seconds.toFixed(1)} s`);
        break;
      case 'executor:task-done':
        opts.err(`tasks: ${e.payload.done}/${e.payload.total} done`);
        break;
      case 'executor:task-retry':
        opts.err(`task ${e.payload.index} failed (attempt ${e.payload.attempt}): ${e.payload.message}; retrying`);
        break;
      case 'fit:checkpoint':
        if (!bar && reported(e.payload.epoch, e.payload.epochs)) opts.err(`${e.payload.method}: checkpoint after epoch ${e.payload.epoch}/${e.payload.epochs}`);
        break;
      case 'log:warn':
        opts.err(`warning: ${e.payload.message}`);
        break;
      case 'log:info':
        opts.err(e.payload.message);
        break;
      default:
        break;
    }
  };
  subscription.add(events.events$.subscribe(plain));
  subscription.add(() => bar?.stop());
  return subscription;
}

/** Without a progress bar, about ten epochs of a fit are logged (and the last). */
function reported(epoch: number, epochs: number): boolean {
  return epoch === epochs || epoch % Math.max(1, Math.round(epochs / 10)) === 0;
}

/** The CLI's progress sink (`ProgressSinkToken`): `renderEvents` with the invocation's output options. */
export function terminalProgressSink(opts: RendererOptions): ProgressSink {
  return {
    attach(events) {
      const subscription = renderEvents(events, opts);
      return () => subscription.unsubscribe();
    },
  };
}
