export { datasets, DatasetsPluginOptions, ALL_TOYS } from './datasets.plugin.js';
export { default } from './datasets.plugin.js';
export { DATASETS_PLUGIN_NAME, DATASETS_VERSION } from './plugin-meta.js';
export { defineToy, type Toy } from './define-toy.js';

export {
  HETEROSCEDASTIC_1D, Heteroscedastic1dOptions, heteroscedastic1dToy, heteroscedasticTruth, heteroscedasticDataset,
} from './heteroscedastic.toy.js';
export { GAP_1D, Gap1dOptions, gap1dToy, inGap } from './gap.toy.js';
export { AMPLITUDE, AmplitudeOptions, amplitudeToy, amplitudeTruth } from './amplitude.toy.js';
export { TWO_CLASS_2D, TwoClass2dOptions, twoClass2dToy, twoClassTrueProb } from './two-class.toy.js';
export { TWO_TARGET_2D, TwoTarget2dOptions, twoTarget2dToy, twoTargetTruth } from './two-target.toy.js';
export { THREE_CLASS_2D, ThreeClass2dOptions, threeClass2dToy, threeClassTrueProbs, threeClassMean } from './three-class.toy.js';
export { WEDGE_RAMP, WedgeRampOptions, wedgeRampToy, wedgeRampDensity, wedgeInverseCdf } from './wedge-ramp.toy.js';
export { KICKER_RAMP, KickerRampOptions, kickerRampToy, kickerRampDensity } from './kicker-ramp.toy.js';
export { GAUSSIAN_RING, GaussianRingOptions, gaussianRingToy, gaussianRingDensity } from './gaussian-ring.toy.js';
export { PIVOT_2D, Pivot2dOptions, pivot2dToy, pivot2dTrueProb, pivot2dMarginalProb } from './pivot-2d.toy.js';
export { AWARE_2D, Aware2dOptions, aware2dToy, aware2dTrueProb, aware2dAuc } from './aware-2d.toy.js';
export {
  MASS_SCULPT, MassSculptOptions, massSculptToy, massSculptTrueProb, massSculptSignalLogPdf, massSculptBackgroundLogPdf,
} from './mass-sculpt.toy.js';
export {
  DIJET, DIJET_QCD, DijetOptions, DijetSignalOptions, dijetToy, dijetTrueProb, dijetSignalWindowProbability, dijetSignalWindowFraction,
} from './dijet.toy.js';
export { JETS, JetsOptions, jetsToy, jetsDifficulty } from './jets.toy.js';
export { JETS_SHOWER } from './jet-shower.js';
export { jetObservables, type JetObservables } from './jet-kinematics.js';
export {
  type DijetSpectrum, dijetDensity, dijetExpectedCounts, dijetMassQuadrature, sampleDijetMass,
} from './dijet-spectrum.js';
export {
  UNFOLD_GAUSS, UNFOLD_GAUSS_SAMPLES, UnfoldGaussOptions, type UnfoldGaussInput, unfoldGaussToy, unfoldGaussParticleLevel,
  unfoldGaussBinProbabilities,
} from './unfold-gauss.toy.js';
export {
  UNFOLD_MULTI, UNFOLD_MULTI_WIDEN, UnfoldMultiOptions, type UnfoldMultiInput, type UnfoldMultiEfficiencyShape, unfoldMultiToy,
  unfoldMultiEfficiency, unfoldMultiMeanEfficiency, unfoldMultiDetector,
} from './unfold-multi.toy.js';
export {
  UNFOLD_MULTI_OBSERVABLES, UNFOLD_MULTI_SAMPLES, UNFOLD_MULTI_FAKE_MEAN, type UnfoldMultiObservable, type UnfoldMultiSample,
  type UnfoldMultiTriple, unfoldMultiBinProbabilities, unfoldMultiFakeBinProbabilities, unfoldMultiDensity, unfoldMultiToLatent,
} from './unfold-multi-observables.js';
export { PASS_GEN, PASS_RECO, UNFOLDING_PLACEHOLDER, genColumn, recoColumn, type UnfoldingColumns, unfoldingDataset } from './unfolding-columns.js';
export { binnedClosure, type BinnedClosure } from './binned-closure.js';
export { RESPONSE, ResponseOptions, responseToy } from './response.toy.js';
export {
  medianResponse, relativeResolution, responseMoments, measuredValue, invertMedianResponse, responsePosterior, POSTERIOR_NODES, type ResponseDetector,
} from './response-truth.js';
