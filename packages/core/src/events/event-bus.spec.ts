import { describe, expect, it } from 'vitest';
import { EventBus } from './event-bus.js';
import { ofType } from './of-type.js';

describe('EventBus', () => {
  it('narrows with ofType and isolates throwing handlers into errors$', () => {
    const bus = new EventBus();
    const losses: number[] = [];
    const errors: string[] = [];
    bus.errors$.subscribe((e) => errors.push(`${e.owner}:${e.eventType}:${(e.error as Error).message}`));
    bus.on('fit:epoch', 'bad-plugin', () => {
      throw new Error('boom');
    });
    bus.events$.pipe(ofType('fit:epoch')).subscribe((e) => losses.push(e.payload.loss));
    bus.emit('fit:start', { method: 'm', epochs: 2, nTrain: 10 });
    bus.emit('fit:epoch', { method: 'm', epoch: 1, epochs: 2, loss: 0.5 });
    bus.emit('fit:epoch', { method: 'm', epoch: 2, epochs: 2, loss: 0.25 });
    expect(losses).toEqual([0.5, 0.25]);
    expect(errors).toEqual(['bad-plugin:fit:epoch:boom', 'bad-plugin:fit:epoch:boom']);
  });
});
