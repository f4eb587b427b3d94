import { formatNumber } from '@hepuq/core';
import { COLORS } from '@hepuq/report';
import type { HuntRegion, HuntSelection } from '../hunt/hunt.js';

/**
 * What the hunt plots share: legend labels and colours of the selection efficiencies (one colour
 * per efficiency in every plot), plot numbers, and the choice of the region the spectrum shows.
 */

/** Inclusive first (black, the unselected data as in the papers' figures; grey is for reference lines), then the tightening selections. */
const INCLUSIVE = '#000000';
const PALETTE = [INCLUSIVE, COLORS.blue, COLORS.orange, COLORS.green, COLORS.red, COLORS.purple, COLORS.lightBlue, COLORS.lightOrange];

/**
 * The legend label of a selection: `inclusive` for efficiency 1, else the efficiency in percent.
 * @example selectionLabel(1) // 'inclusive'; selectionLabel(0.002) // 'ε = 0.2%'
 */
export function selectionLabel(efficiency: number): string {
  return efficiency >= 1 ? 'inclusive' : `ε = ${Number((efficiency * 100).toPrecision(3))}%`;
}

/**
 * A nominal colour encoding over the selections, efficiencies in descending order (inclusive first);
 * pass every efficiency of the hunt so that one efficiency has one colour in every plot.
 */
export function selectionColor(efficiencies: readonly number[]): Record<string, unknown> {
  const sorted = [...new Set(efficiencies)].sort((a, b) => b - a);
  return {
    field: 'selection', type: 'nominal',
    scale: { domain: sorted.map(selectionLabel), range: sorted.map((_, i) => PALETTE[i % PALETTE.length]) },
    legend: { title: null },
  };
}

/** Every efficiency the regions were selected at. */
export function huntEfficiencies(regions: readonly HuntRegion[]): number[] {
  return regions.flatMap((r) => r.selections.map((s) => s.efficiency));
}

/** A plot number: 5 significant digits (far finer than an SVG draws), null for anything not finite (JSON has no NaN). */
export function plotNumber(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(5)) : null;
}

/** A signal region's range in the resonance variable, e.g. `3390–3650`. */
export function rangeText([lo, hi]: readonly [number, number]): string {
  return `${formatNumber(lo, 4)}–${formatNumber(hi, 4)}`;
}

/** The selection of `region` at `efficiency`, if it was made. */
export function selectionAt(region: HuntRegion, efficiency: number): HuntSelection | undefined {
  return region.selections.find((s) => s.efficiency === efficiency);
}

/**
 * The region the spectrum plot shows: the largest local significance z at the tightest efficiency
 * (the one a CWoLa hunt would flag), else at any efficiency when every fit there failed, else the
 * first region.
 * @example bestRegion(artifact.regions)?.index
 */
export function bestRegion(regions: readonly HuntRegion[]): HuntRegion | undefined {
  const tightest = Math.min(...huntEfficiencies(regions));
  const z = (s: HuntSelection | undefined) => (typeof s?.z === 'number' && Number.isFinite(s.z) ? s.z : -Infinity);
  const maxBy = (score: (r: HuntRegion) => number) => regions.reduce<HuntRegion | undefined>((a, r) => (a === undefined || score(r) > score(a) ? r : a), undefined);
  const atTightest = maxBy((r) => z(selectionAt(r, tightest)));
  if (atTightest && z(selectionAt(atTightest, tightest)) > -Infinity) return atTightest;
  return maxBy((r) => Math.max(...r.selections.map(z)));
}
