import { filter, type OperatorFunction } from 'rxjs';
import type { EventOf, HepuqEvent, HepuqEventType } from './event-map.js';

/**
 * Narrow the event stream to the given types.
 * @example events$.pipe(ofType('fit:epoch')).subscribe(e => console.log(e.payload.loss))
 */
export function ofType<K extends HepuqEventType>(...types: K[]): OperatorFunction<HepuqEvent, EventOf<K>> {
  const wanted = new Set<HepuqEventType>(types);
  return filter((e): e is EventOf<K> => wanted.has(e.type));
}
