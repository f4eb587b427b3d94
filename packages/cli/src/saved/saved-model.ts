import { HepuqError, type FittedModel, type HepuqApp } from '@hepuq/core';
import type { SavedRun } from './saved-run.js';

/**
 * Load the saved model with the method that wrote it (from the app's registry: its plugin must be
 * loaded). A run that recalibrated its predictions gets a warning: the recalibration is not part of
 * the saved model, so what predict and export compute are the model's own (uncalibrated) predictions.
 */
export async function loadSavedModel(app: HepuqApp, saved: SavedRun): Promise<FittedModel> {
  if (saved.config?.recalibration) {
    app.events.emit('log:warn', { message: `the run recalibrated its predictions (${saved.config.recalibration.use}); the recalibration is not part of the saved model, so these are the model's uncalibrated predictions (metrics.uncalibrated.json describes them)` }, 'cli');
  }
  if (!app.registries.methods.has(saved.method)) {
    throw new HepuqError('UnknownKey', `${saved.modelDir} holds a "${saved.method}" model, and no loaded plugin provides that method`, {
      hint: 'Load the plugin that trained it with --plugin <name-or-dir> (a run directory\'s own plugins load automatically).',
    });
  }
  return app.registries.methods.get(saved.method).load(saved.modelDir, {
    rng: app.rng.fork('method'), events: app.events, methods: app.registries.methods, networks: app.registries.networks,
  });
}
