import type { SchemaElement, SchemaTree } from 'hyparquet';
import type { ParquetColumn } from './parquet-source.js';

const NUMERIC = new Set(['FLOAT', 'DOUBLE', 'INT32', 'INT64', 'BOOLEAN']);
const NOT_NUMBERS = new Set(['DATE', 'TIME_MILLIS', 'TIME_MICROS', 'TIMESTAMP_MILLIS', 'TIMESTAMP_MICROS', 'INTERVAL', 'UTF8', 'JSON', 'BSON', 'ENUM']);

/** Why a leaf's values are not numbers hepuq reads as float32, or undefined when they are. */
function numberProblem(element: SchemaElement): string | undefined {
  const logical = element.logical_type?.type;
  if (!element.type || !NUMERIC.has(element.type)) return `${element.type ?? 'untyped'} values`;
  if (element.converted_type && NOT_NUMBERS.has(element.converted_type)) return `${element.converted_type} values`;
  if (logical && ['DATE', 'TIME', 'TIMESTAMP', 'STRING', 'JSON'].includes(logical)) return `${logical} values`;
  return undefined;
}

/**
 * The schema path of a list of primitives, top-level element first, leaf last: the 3-level LIST
 * (`optional group x (LIST) { repeated group list { element } }`), the 2-level legacy form (a LIST
 * group over a repeated primitive) and a bare repeated primitive. Null for anything else.
 */
function listPath(tree: SchemaTree): SchemaElement[] | null {
  const { element, children } = tree;
  if (children.length === 0) return element.repetition_type === 'REPEATED' ? [element] : null;
  const isList = element.converted_type === 'LIST' || element.logical_type?.type === 'LIST';
  if (!isList || children.length !== 1 || element.repetition_type === 'REPEATED') return null;
  const rep = children[0];
  if (rep.element.repetition_type !== 'REPEATED') return null;
  if (rep.children.length === 0) return [element, rep.element];
  if (rep.children.length === 1 && rep.children[0].children.length === 0 && rep.children[0].element.repetition_type !== 'REPEATED') {
    return [element, rep.element, rep.children[0].element];
  }
  return null;
}

/**
 * A top-level column as hepuq reads it: numbers (one per row), a list of numbers per row (for
 * particle sets, with its Dremel levels), or why it is neither.
 * @example parquetSchema(metadata).children.map(describeColumn)
 */
export function describeColumn(tree: SchemaTree): ParquetColumn {
  const { element, children } = tree;
  const name = element.name;
  if (children.length > 0 || element.repetition_type === 'REPEATED') {
    const path = listPath(tree);
    if (!path) return { name, problem: 'a nested (struct, map or nested list) column' };
    const problem = numberProblem(path[path.length - 1]);
    if (problem) return { name, problem: `a list of ${problem}` };
    const list = {
      maxDefinition: path.filter((e) => e.repetition_type !== 'REQUIRED').length,
      maxRepetition: path.filter((e) => e.repetition_type === 'REPEATED').length,
    };
    return { name, list, problem: 'one list per row (read it as a particle-set column)' };
  }
  const problem = numberProblem(element);
  return problem ? { name, problem } : { name };
}
