import 'reflect-metadata';

export { z } from 'zod';

export { ERROR_CATALOG, type ErrorCode } from './errors/error-catalog.js';
export { HepuqError, isHepuqError, type HepuqErrorOptions } from './errors/hepuq-error.js';

export { createToken, type Token } from './di/token.js';
export type { Services, ServiceBinding } from './di/services.js';
export {
  RegistriesToken, EventsToken, RngToken, ArtifactStoreToken, ReportWriterToken, ProgressSinkToken, DefaultExecutorToken,
} from './tokens.js';
export type { ArtifactStore, ArtifactRequest, ArtifactSlot } from './services/artifact-store.js';
export type { ProgressSink } from './services/progress-sink.js';

export type { HepuqEventMap, HepuqEventType, HepuqEvent, EventOf, HandlerError } from './events/event-map.js';
export { EventBus, type Events } from './events/event-bus.js';
export { ofType } from './events/of-type.js';

export { Registry, type RegisterOptions, type RegistryEntry } from './registry/registry.js';
export { Registries, type RegistryName } from './registry/registries.js';

export type { HepuqPlugin, PluginMeta, PluginContext } from './plugin/plugin.js';
export { PluginLoader, type ServiceProvider } from './plugin/plugin-loader.js';
export { attributed, attributeError } from './plugin/attribute.js';
export { parsePluginOptions, describeZodError } from './plugin/plugin-options.js';
export { packageMeta } from './plugin/package-meta.js';
export { corePlugin, CORE_PLUGIN_NAME } from './core.plugin.js';
export { CORE_VERSION } from './version.js';

export { createHepuq, type HepuqApp, type CreateAppOptions } from './app/hepuq-app.js';

export { Rng, type RngState } from './random/rng.js';

export { Dataset, type DatasetInit, type TargetColumn } from './data/dataset.js';
export { datasetTransfer, datasetFromTransfer, type DatasetTransfer } from './data/dataset-transfer.js';
export { MemberHealthOptions } from './health/member-health-options.js';
export { median } from './health/median.js';
export { ParticleSet, particleSetFromJagged, type ParticleSetInit, type JaggedParticles } from './data/particle-set.js';
export {
  SetSource, SetPreprocess, SetPadding, setFeatureNames, kinematicName, isIndexedColumn, indexedColumn, INDEX_TOKEN, KINEMATICS, MAX_SET_SIZE, type SetSourceInput,
} from './data/set-source.js';
export { particleSetFromSource, type RaggedColumn, type SetOrigin } from './data/particle-set-source.js';
export { preprocessParticles, wrapPhi, type RaggedParticles, type SetWhere } from './data/set-kinematics.js';
export { assertFiniteColumn, assertFiniteDataset } from './data/assert-finite.js';
export { dataRow } from './data/data-row.js';
export { binIndex } from './data/bin-index.js';
export type { DataFormat, ColumnSelection, ReadOptions } from './data/data-format.js';
export type { ToyGenerator } from './data/toy.js';
export { DataSource, ToySource, FileSource, loadDataSource } from './data/data-source.js';

export { defaultClassNames, mapPrediction, multiTargetPrediction, predictionArrays, predictionTargets, regressionPrediction, targetAsPrediction, targetPrediction, type Prediction, type PredictionKind, type RegressionPrediction, type ClassificationPrediction, type MulticlassPrediction, type TargetPrediction } from './method/prediction.js';
export type { UQMethod, FittedModel, MethodContext, PredictOptions, TaskKind } from './method/uq-method.js';
export { splitDiagnostics, type ModelDiagnostics, type MetricBin } from './method/model-diagnostics.js';
export type { LossValue } from './loss/loss.js';
export {
  NetworkRef, type NetworkBody, type NetworkPlan, type NetworkSpec, type NetworkRequest, type NetworkInputs, type DenseStacks,
  type DenseStackShape, type DenseActivation, type HostInput,
} from './network/network-body.js';
export type { NetworkGraph } from './network/network-graph.js';
export { floatAttr, intAttr, intsAttr, type GraphAttribute, type GraphConstant, type GraphDim, type GraphNode, type GraphOptions, type GraphTensor, type ModelGraph } from './export/model-graph.js';
export type { ModelExporter } from './export/model-exporter.js';
export type { Metric, MetricInput, MetricOutput, MetricTableRow, MetricValue } from './metrics/metric.js';
export type { InferenceProcedure } from './inference/inference.js';
export type { RunStep, RunStepInput, RunStepFiles, RunStepCheck } from './run-step/run-step.js';
export type { SimulationSample, ObservedSample, UnfoldingProblem } from './unfolding/unfolding-problem.js';
export type { UnfoldingMethod, UnfoldingContext, UnfoldingResult } from './unfolding/unfolding-method.js';
export type { UnfoldingStep, UnfoldingStepInput } from './unfolding/unfolding-step.js';
export { UnfoldingData, SimulationSource, ObservedSource, loadUnfoldingProblem } from './unfolding/unfolding-data.js';
export { checkUnfoldingProblem } from './unfolding/check-unfolding-problem.js';
export { LikelihoodRatioOptions, likelihoodRatioWeights, type LikelihoodRatioWeights } from './reweighting/likelihood-ratio.js';
export { weightDiagnostics, type WeightDiagnostics } from './reweighting/weight-diagnostics.js';
export { twoSampleDataset } from './reweighting/two-sample-dataset.js';
export { dctrReweight, type DctrOptions, type DctrResult, type ReweightingClassifier } from './reweighting/dctr.js';
export type { CalibrationData, Recalibrator, RecalibrationMethod, RegressionRecalibrator, PredictionInterval } from './recalibration/recalibrator.js';
export type { TrainCheckpoints, CheckpointSlot, TrainState, AdamState } from './train/train-checkpoints.js';
export type { Executor, ExecutorFactory, TaskSpec, TaskContext, TaskFunction, MapOptions } from './executor/executor.js';
export { LocalExecutor, LocalExecutorOptions, LocalExecutorOptionsToken, LOCAL_EXECUTOR } from './executor/local-executor.js';
export { localExecutorFactory } from './executor/local-executor.factory.js';
export { TaskPool, type TaskPoolMode } from './executor/task-pool.js';
export { taskSeed } from './executor/task-seed.js';
export { methodRef, withMethodApp, resolvePluginUrl, type MethodRef } from './executor/method-ref.js';
export { TaskModuleRef, taskModuleRef, resolveTaskModule, type ResolvedTaskModule } from './executor/task-module.js';
export { TaskPayload, valueBytes, valueFromBytes, toPayload, fromPayload, readValueFile, type PayloadTarget } from './executor/task-payload.js';
export { runId, type RunTaskIdentity } from './executor/run-id.js';
export { VersionStamp, localVersions, versionDifferences, stampPairs, type VersionPair, type ExecutorPackage } from './executor/version-stamp.js';
export type { CommandDefinition, CommandOption, CommandContext } from './command/command.js';
export type { ReportSection, ReportContext, PlotSpec, ReportDocument, ReportWriter } from './report-section.js';


export { selectBackend, activeBackend, taskBackend, parseBackendName } from './backend/select-backend.js';
export { BACKEND_ORDER, type BackendInfo, type BackendName } from './backend/backend-info.js';

export { writeFileAtomic, writeDirAtomic, assertReplaceable, ownerOf, OWNER_MARKER, type WriteDirOptions } from './io/atomic-write.js';
export { fileSystemError, errnoOf } from './io/fs-error.js';
export { checkOutputDir, ensureOutputDir } from './io/check-output-dir.js';
export { sweepStaleTemps } from './io/stale-temps.js';
export { acquireOutputLock, type OutputLock } from './io/output-lock.js';
export { DirCheckpoints } from './io/checkpoint-dir.js';
export { writeModelDir, readModelDir, MODEL_FORMAT, type ModelArchive, type NamedArray } from './io/model-dir.js';

export { registerWasmMatMulFastPath } from './backend/wasm-matmul-fast-path.js';

export { renderErrorDocs } from './errors/error-docs.js';
export { isGenerativeModel, type GenerativeModel, type GeneratedSample, type SampleOptions } from './method/generative-model.js';

// shared helpers
export { splitItemPath, resolveItem, formatForPath, resolveDataSource, type ItemPath, type ResolvedSource } from './format/format-lookup.js';
export { formatMeasurement, measurementText, formatNumber, formatWithError, type FormattedMeasurement, type MeasurementStyle, type ErrorRounding } from './format/measurement.js';
export { escapeHtml } from './format/html.js';
export { parseOrThrow, type ParseContext } from './plugin/parse-or-throw.js';
export { buildReportDocument } from './format/report-document.js';
export { VEGA_LITE_SCHEMA } from './format/vega-lite.js';
