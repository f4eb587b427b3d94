import { Subject, type Observable, type Subscription } from 'rxjs';
import type { EventOf, HandlerError, HepuqEvent, HepuqEventMap, HepuqEventType } from './event-map.js';
import { ofType } from './of-type.js';

/**
 * The event stream as plugins, methods, steps and commands see it: emit and subscribe, never
 * complete. A plugin's copy (`EventBus#scoped`) stamps the plugin's name on every event it emits.
 */
export interface Events {
  readonly events$: Observable<HepuqEvent>;
  readonly errors$: Observable<HandlerError>;
  emit<K extends HepuqEventType>(type: K, payload: HepuqEventMap[K], source?: string): void;
  /**
   * Subscribe `handler` to `type` on behalf of `owner`: a handler that throws, or whose promise
   * rejects, is reported on `errors$` under `owner`; neither the stream nor the run stops.
   */
  on<K extends HepuqEventType>(type: K, owner: string, handler: (event: EventOf<K>) => void | Promise<void>): Subscription;
}

/**
 * The app's event bus, owned by the app (only the app completes it). The Subject is private;
 * `events$` is read-only. Handlers registered with `on()` are isolated, sync and async alike (as
 * NestJS CQRS isolates event handlers).
 */
export class EventBus implements Events {
  readonly #events = new Subject<HepuqEvent>();
  readonly #errors = new Subject<HandlerError>();
  readonly events$: Observable<HepuqEvent> = this.#events.asObservable();
  readonly errors$: Observable<HandlerError> = this.#errors.asObservable();

  emit<K extends HepuqEventType>(type: K, payload: HepuqEventMap[K], source?: string): void {
    this.#publish(type, payload, source, undefined);
  }

  on<K extends HepuqEventType>(type: K, owner: string, handler: (event: EventOf<K>) => void | Promise<void>): Subscription {
    const report = (error: unknown): void => this.#errors.next({ owner, eventType: type, error });
    return this.events$.pipe(ofType(type)).subscribe((event) => {
      try {
        const result = handler(event);
        if (result && typeof (result as Promise<void>).then === 'function') (result as Promise<void>).then(undefined, report);
      } catch (error) {
        report(error);
      }
    });
  }

  /**
   * The bus as plugin `plugin` gets it: every event it emits carries `plugin`, its handlers are
   * isolated under its name by default, and it cannot complete the stream.
   */
  scoped(plugin: string): Events {
    return {
      events$: this.events$,
      errors$: this.errors$,
      emit: (type, payload, source) => this.#publish(type, payload, source, plugin),
      on: (type, owner, handler) => this.on(type, owner || plugin, handler),
    };
  }

  complete(): void {
    this.#events.complete();
    this.#errors.complete();
  }

  #publish<K extends HepuqEventType>(type: K, payload: HepuqEventMap[K], source: string | undefined, plugin: string | undefined): void {
    const event = { type, payload, time: Date.now(), ...(source ? { source } : {}), ...(plugin ? { plugin } : {}) } as HepuqEvent;
    this.#events.next(event);
  }
}
