import type { ColumnSelection } from '@hepuq/core';
import { ioError } from './io-error.js';

/** Every distinct column a selection needs, in a stable order (features first). */
export function requiredColumns(selection: ColumnSelection): string[] {
  const names = [
    ...selection.features,
    ...[selection.target ?? []].flat(),
    selection.label,
    selection.weight,
    ...(selection.nuisances ?? []),
    ...(selection.extras ?? []),
  ].filter((n): n is string => typeof n === 'string');
  return [...new Set(names)];
}

/** Fail with `MissingColumn` naming the file and listing what it offers, if any wanted column is absent. */
export function assertColumnsPresent(source: string, available: readonly string[], wanted: readonly string[]): void {
  const have = new Set(available);
  const missing = wanted.filter((n) => !have.has(n));
  if (missing.length === 0) return;
  const shown = available.length > 40 ? `${available.slice(0, 40).join(', ')}, ... (${available.length} in all)` : available.join(', ');
  throw ioError(
    'MissingColumn',
    `${source}: column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} not found; available: ${shown || '(none)'}`,
  );
}
