import { Subject, type Observable, type Subscription } from 'rxjs';
import type { EventOf, HandlerError, HepuqEvent, HepuqEventMap, HepuqEventType } from './event-map.js';
import { ofType } from './of-type.js';

/**
 * The run's event stream. The Subject is private; `events$` is read-only. Handlers registered with
 * `on()` are isolated: a throwing handler reports to `errors$` under its owner's name and neither
 * the stream nor the run stops (as NestJS CQRS isolates event handlers).
 */
export class EventBus {
  readonly #events = new Subject<HepuqEvent>();
  readonly #errors = new Subject<HandlerError>();
  readonly events$: Observable<HepuqEvent> = this.#events.asObservable();
  readonly errors$: Observable<HandlerError> = this.#errors.asObservable();

  emit<K extends HepuqEventType>(type: K, payload: HepuqEventMap[K], source?: string): void {
    const event = { type, payload, time: Date.now(), ...(source ? { source } : {}) } as HepuqEvent;
    this.#events.next(event);
  }

  /** Subscribe `handler` to `type` on behalf of `owner` (a plugin name), with error isolation. */
  on<K extends HepuqEventType>(type: K, owner: string, handler: (event: EventOf<K>) => void): Subscription {
    return this.events$.pipe(ofType(type)).subscribe((event) => {
      try {
        handler(event);
      } catch (error) {
        this.#errors.next({ owner, eventType: type, error });
      }
    });
  }

  complete(): void {
    this.#events.complete();
    this.#errors.complete();
  }
}
