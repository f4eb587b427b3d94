import {
  escapeHtml, HepuqError, packageMeta, parseOrThrow, parsePluginOptions, RegistriesToken, resolveDataSource, z,
  type CommandDefinition, type HepuqPlugin, type ReportSection, type RunStep,
} from '@hepuq/core';
import { closure, type ClosureResult } from './closure.js';

const meta = packageMeta(import.meta.url);

/** Every key this plugin registers is namespaced `acme/...`, as third-party keys must be. */
export const CLOSURE = 'acme/closure';

export const AcmeOptions = z.object({ bins: z.number().int().min(2).max(100).default(10) }).strict();
export type AcmeOptions = z.input<typeof AcmeOptions>;

const StepOptions = (bins: number) =>
  z.object({ quantity: z.string().optional(), bins: z.number().int().min(2).max(100).default(bins) }).strict();

/** The run step: closure of the run's test predictions in bins of a feature (default: the first). */
function closureStep(bins: number): RunStep {
  return {
    key: CLOSURE,
    description: 'closure of regression error bars: mean pull and width in equal-count bins of a feature, with a chi2 p-value',
    options: StepOptions(bins),
    tasks: ['regression'],
    run({ options, test, prediction }) {
      const o = options as z.output<ReturnType<typeof StepOptions>>;
      if (prediction.kind !== 'regression' || !test.target) throw new HepuqError('InvalidConfig', `${CLOSURE} needs a regression run with a target`);
      const name = o.quantity ?? test.featureNames[0];
      const column = test.features[name];
      if (!column) throw new HepuqError('MissingColumn', `${CLOSURE}: the test set has no feature "${name}"; features: ${test.featureNames.join(', ')}`);
      return { ...closure(column, test.target, prediction.mean, prediction.sigmaTot, test.weights, name, o.bins) };
    },
  };
}

const CommandFlags = z.object({ input: z.string(), truth: z.string(), quantity: z.string(), bins: z.coerce.number().int().min(2).max(100) });

/** `hepuq acme/closure --input <predictions.csv>`: the same test on a finished run's predictions. */
function closureCommand(bins: number): CommandDefinition {
  return {
    name: CLOSURE,
    description: 'closure test of the error bars in a predictions file (columns mean, sigma_tot, the truth and a feature)',
    options: [
      { flags: '--input <file>', description: 'predictions file (a run\'s predictions.csv)' },
      { flags: '--truth <col>', description: 'truth column', default: 'y' },
      { flags: '--quantity <col>', description: 'column to bin in', default: 'x' },
      { flags: '--bins <n>', description: 'equal-count bins', default: String(bins) },
    ],
    async run(_args, options, ctx) {
      const o = parseOrThrow(CommandFlags, options, { code: 'InvalidArgument', where: CLOSURE, flags: true });
      const { input, truth, quantity } = o;
      const { format, path, item } = resolveDataSource(ctx.services.resolve(RegistriesToken), input);
      const data = await format.read(path, { features: [quantity], extras: [truth, 'mean', 'sigma_tot'] }, { item });
      const result = closure(data.features[quantity], data.extras[truth], data.extras.mean, data.extras.sigma_tot, data.weights, quantity, o.bins);
      if (ctx.json) ctx.print(JSON.stringify(result));
      else for (const line of closureTable(result)) ctx.print(line);
      return result.pValue < 0.01 ? 3 : 0;
    },
  };
}

function closureTable(r: ClosureResult): string[] {
  return [
    `closure in ${r.bins.length} bins of ${r.quantity}: chi2/ndf = ${r.chi2.toFixed(1)}/${r.ndf}, p = ${r.pValue.toPrecision(2)}`,
    ...r.bins.map((b) => `  [${b.lo.toPrecision(3)}, ${b.hi.toPrecision(3)}]  pull mean ${b.pullMean.toFixed(3)} ± ${b.pullMeanError.toFixed(3)}  width ${b.pullStd.toFixed(3)}`),
  ];
}

/** The report section: the closure table, shown when the run ran the step. */
const closureSection: ReportSection = {
  key: CLOSURE,
  title: 'Closure of the error bars (acme)',
  order: 500,
  applies: (ctx) => ctx.artifacts[CLOSURE] !== undefined,
  plots: () => [],
  html: (ctx) => {
    const r = ctx.artifacts[CLOSURE] as ClosureResult;
    const rows = r.bins.map((b) => `<tr><td>${b.lo.toPrecision(3)} – ${b.hi.toPrecision(3)}</td><td>${b.pullMean.toFixed(3)} ± ${b.pullMeanError.toFixed(3)}</td><td>${b.pullStd.toFixed(3)}</td></tr>`);
    return `<h3>${escapeHtml(`Closure in bins of ${r.quantity}`)}</h3><p>χ²/ndf = ${r.chi2.toFixed(1)}/${r.ndf}, p = ${r.pValue.toPrecision(2)}</p><table class="acme-closure"><tr><th>bin</th><th>mean pull</th><th>pull width</th></tr>${rows.join('')}</table>`;
  },
};

/**
 * The acme closure plugin: a run step, a command and a report section under `acme/closure`.
 * @example hepuq run config.yaml --plugin ./examples/third-party-plugin   # with steps: [{ use: acme/closure }]
 */
export function acmeClosure(options: AcmeOptions = {}): HepuqPlugin {
  const { bins } = parsePluginOptions(meta.name, AcmeOptions, options);
  return {
    meta,
    register(ctx) {
      ctx.steps.add(CLOSURE, closureStep(bins));
      ctx.commands.add(CLOSURE, closureCommand(bins));
      ctx.reportSections.add(CLOSURE, closureSection);
    },
  };
}
