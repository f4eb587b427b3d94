/**
 * How every message names an event: `row k`, 1-based over the data rows as the user sees them
 * (row 1 is the first event; a CSV's header line is not counted), whatever the 0-based index inside.
 * @example throw new HepuqError('NonFiniteValue', `${source}: column "x" ${dataRow(i)} is NaN`)
 */
export function dataRow(index: number): string {
  return `row ${index + 1}`;
}
