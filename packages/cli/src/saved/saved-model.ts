import { HepuqError, type FittedModel, type HepuqApp } from '@hepuq/core';
import type { SavedRun } from './saved-run.js';

/** Load the saved model with the method that wrote it (from the app's registry: its plugin must be loaded). */
export async function loadSavedModel(app: HepuqApp, saved: SavedRun): Promise<FittedModel> {
  if (!app.registries.methods.has(saved.method)) {
    throw new HepuqError('UnknownKey', `${saved.modelDir} holds a "${saved.method}" model, and no loaded plugin provides that method`, {
      hint: 'Load the plugin that trained it with --plugin <name-or-dir> (a run directory\'s own plugins load automatically).',
    });
  }
  return app.registries.methods.get(saved.method).load(saved.modelDir, {
    rng: app.rng.fork('method'), events: app.events, methods: app.registries.methods, networks: app.registries.networks,
  });
}
