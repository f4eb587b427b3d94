import { readFile } from 'node:fs/promises';
import { ibuError } from './ibu-error.js';

/**
 * Read and JSON-parse a problem file: `FileUnreadable` or `ParseError` naming the file. The content
 * is checked by `resolveIbuProblem`.
 * @example const raw = await readIbuProblemFile('problem.json')
 */
export async function readIbuProblemFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw ibuError('FileUnreadable', `cannot read IBU problem ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw ibuError('ParseError', `IBU problem ${path} is not valid JSON: ${(e as Error).message}`, 'Fix the JSON (pyunfold argument names as keys, arrays of numbers as values).');
  }
}
