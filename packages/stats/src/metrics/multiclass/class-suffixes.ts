/**
 * The value-name suffix of each class (`ece_class_<suffix>`): the class name in lower case with other
 * characters as `_`; a name that comes out empty or like an earlier class's gets its index
 * (appended), so suffixes are unique and the value names snake_case.
 * @example classSuffixes(['b-jet', 'B jet', '']) // ['b_jet', 'b_jet_1', '2']
 */
export function classSuffixes(classes: readonly string[]): string[] {
  const seen = new Set<string>();
  return classes.map((name, c) => {
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
    let s = base === '' ? String(c) : base;
    while (seen.has(s)) s = `${s}_${c}`;
    seen.add(s);
    return s;
  });
}
