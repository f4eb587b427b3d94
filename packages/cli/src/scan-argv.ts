/** Options that take a value, so the scanner does not mistake the value for the command or its operand. */
const TAKES_VALUE = new Set(['backend', 'seed', 'out', 'plugin', 'checkpoint-every', 'data', 'format', 'replicas']);

export interface ScannedArgv {
  /** The command name (first operand), if any. */
  command?: string;
  /** The command's first operand (the config path of `run`). */
  operand?: string;
  has(name: string): boolean;
  /** The last value of `--name <v>` / `--name=v`. */
  value(name: string): string | undefined;
  /** Every value of a repeatable option, in order. */
  values(name: string): string[];
}

/**
 * What must be known before the app exists (its backend, seed, plugins and, for `run`, the config
 * that names more plugins), read from argv the way commander will parse it: options may come before
 * or after the command name. Commander parses and validates everything afterwards.
 * @example scanArgv(['--plugin', './acme', 'run', 'c.yaml']).values('plugin') // ['./acme']
 */
export function scanArgv(argv: readonly string[]): ScannedArgv {
  const found: [string, string | undefined][] = [];
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-h') {
      found.push(['help', undefined]);
    } else if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = token.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0) found.push([name, token.slice(eq + 1)]);
      else if (TAKES_VALUE.has(name)) found.push([name, argv[++i]]);
      else found.push([name, undefined]);
    } else operands.push(token);
  }
  const values = (name: string) => found.filter(([n, v]) => n === name && v !== undefined).map(([, v]) => v!);
  return {
    command: operands[0],
    operand: operands[1],
    has: (name) => found.some(([n]) => n === name),
    value: (name) => values(name).at(-1),
    values,
  };
}
