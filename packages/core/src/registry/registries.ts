import type { CommandDefinition } from '../command/command.js';
import type { DataFormat } from '../data/data-format.js';
import type { ToyGenerator } from '../data/toy.js';
import type { ExecutorFactory } from '../executor/executor.js';
import type { ModelExporter } from '../export/model-exporter.js';
import type { InferenceProcedure } from '../inference/inference.js';
import type { UQMethod } from '../method/uq-method.js';
import type { Metric } from '../metrics/metric.js';
import type { NetworkBody } from '../network/network-body.js';
import type { ReportSection } from '../report-section.js';
import type { RunStep } from '../run-step/run-step.js';
import type { RecalibrationMethod } from '../recalibration/recalibrator.js';
import type { UnfoldingMethod } from '../unfolding/unfolding-method.js';
import type { UnfoldingStep } from '../unfolding/unfolding-step.js';
import { Registry } from './registry.js';

/** Every registry core owns, one per extension point. */
export class Registries {
  readonly methods = new Registry<UQMethod>('method');
  readonly networks = new Registry<NetworkBody>('network');
  readonly metrics = new Registry<Metric>('metric');
  readonly inference = new Registry<InferenceProcedure>('inference');
  readonly toys = new Registry<ToyGenerator>('toy dataset');
  readonly formats = new Registry<DataFormat>('data format');
  readonly commands = new Registry<CommandDefinition>('command');
  readonly reportSections = new Registry<ReportSection>('report section');
  readonly executors = new Registry<ExecutorFactory>('executor');
  readonly recalibrations = new Registry<RecalibrationMethod>('recalibration');
  readonly steps = new Registry<RunStep>('run step');
  readonly unfoldingMethods = new Registry<UnfoldingMethod>('unfolding method');
  readonly unfoldingSteps = new Registry<UnfoldingStep>('unfolding step');
  readonly exporters = new Registry<ModelExporter>('model exporter');

  /** Every registry by its plural name, for listings (`hepuq plugins`). */
  all(): Record<string, Registry<unknown>> {
    return {
      methods: this.methods, networks: this.networks, metrics: this.metrics, inference: this.inference,
      toys: this.toys, formats: this.formats, commands: this.commands,
      reportSections: this.reportSections, executors: this.executors, recalibrations: this.recalibrations,
      steps: this.steps, unfoldingMethods: this.unfoldingMethods, unfoldingSteps: this.unfoldingSteps, exporters: this.exporters,
    } as Record<string, Registry<unknown>>;
  }
}

export type RegistryName = Exclude<keyof Registries, 'all'>;
