import type { DependencyContainer } from 'tsyringe';
import { createToken } from './di/token.js';
import type { BackendInfo as BackendInfoShape } from './backend/backend-info.js';
import type { EventBus } from './events/event-bus.js';
import type { Rng } from './random/rng.js';
import type { Registries } from './registry/registries.js';

/** Core's injection tokens: one place, `Symbol.for` keys, so every copy of core agrees. */
export const RegistriesToken = createToken<Registries>('hepuq:registries');
export const EventBusToken = createToken<EventBus>('hepuq:event-bus');
export const RngToken = createToken<Rng>('hepuq:rng');
export const BackendInfoToken = createToken<BackendInfoShape>('hepuq:backend');
export const CoreVersionToken = createToken<string>('hepuq:core-version');
export const ContainerToken = createToken<DependencyContainer>('hepuq:container');
