import { createHepuq, type CommandDefinition, type HepuqApp, type HepuqPlugin } from '@hepuq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCommandContext } from './command-context.js';
import { caught, expectCatalogError } from './conformance-helpers.js';

/** One invocation: positional arguments and options as commander hands them over (strings, `true` for bare flags). */
export interface CommandInvocation {
  args?: string[];
  options?: Record<string, unknown>;
}

export interface CommandConformanceOptions {
  command: CommandDefinition;
  /** Plugins of the app the command runs in (its formats, metrics, methods); core's are always there. */
  plugins?: () => HepuqPlugin[];
  /** Invocations that must succeed (exit code 0). */
  examples: readonly CommandInvocation[];
  /** Whether `--json` must print JSON (default: when the command declares `--json`). */
  json?: boolean;
  /** Invocations that must fail with a HepuqError, each with a word its message must contain (the flag or file). */
  invalid: readonly (CommandInvocation & { mentions?: string })[];
  /**
   * Known contract violations, each with its reason or issue: their checks run as `it.fails`, so the
   * suite stays green while they are open and turns red once fixed (then drop the entry).
   */
  knownIssues?: {
    /** An option uses a flag the CLI takes for itself (`CLI_GLOBAL_FLAGS`). */
    globalFlags?: string;
  };
}

/**
 * Flags the CLI itself takes, before or after the command name: commander hands them to the CLI,
 * never to the command, so a command option with one of these flags is silently dead. `--json` is
 * shared on purpose (the CLI passes it on). Kept in step with `hepuq --help` (@hepuq/cli main.ts).
 */
export const CLI_GLOBAL_FLAGS: readonly string[] = ['--backend', '--seed', '--debug', '--out', '--plugin', '--version', '-V', '--help', '-h'];

/** Commander's option grammar: `-s, --long-name`, optionally `<value>` / `[value]` (`...` variadic). */
const FLAGS = /^(?:-[A-Za-z], )?--(?:no-)?[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?: (?:<[^<>]+>|\[[^[\]]+\]))?$/;

/**
 * The option's attribute name as commander sets it (the key of `options` in `run`).
 * @example commanderAttribute('--kpd-degree <n>') // 'kpdDegree'; commanderAttribute('--no-color') // 'color'
 */
export function commanderAttribute(flags: string): string {
  const long = (flags.split(/[ ,|]+/).find((f) => f.startsWith('--')) ?? '').slice(2).replace(/^no-/, '');
  return long.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

/**
 * The contract every CLI command must meet: a valid name and arguments; options with well-formed
 * commander flags, unique attribute names and defaults of the right type, none of them a flag the
 * CLI keeps for itself (`CLI_GLOBAL_FLAGS`); every example runs to exit code 0 with and without `--json` and, with
 * it, prints only JSON lines; every invalid invocation throws a catalog HepuqError naming its flag.
 * Commands run as the CLI runs them: `run(args, { ...defaults, ...options, json }, ctx)` with `ctx.json` set.
 * @example describeCommandConformance({ command: fitCommand, examples: [{ args: ['ws.json'] }], invalid: [{ args: ['ws.json'], options: { fix: 'mu' }, mentions: '--fix' }] })
 */
export function describeCommandConformance(c: CommandConformanceOptions): void {
  const { command } = c;
  const declaresJson = command.options.some((o) => commanderAttribute(o.flags) === 'json');
  const json = c.json ?? declaresJson;
  let app: HepuqApp;
  // commander fills in declared defaults before the CLI calls run
  const defaults = Object.fromEntries(command.options.filter((o) => o.default !== undefined).map((o) => [commanderAttribute(o.flags), o.default]));
  const invoke = (inv: CommandInvocation, asJson: boolean) => {
    const captured = captureCommandContext(app, asJson);
    const options = { ...defaults, ...(inv.options ?? {}), json: asJson };
    return { captured, result: () => command.run([...(inv.args ?? [])], options, captured.ctx) };
  };

  describe(`command conformance: ${command.name}`, () => {
    beforeAll(async () => {
      app = await createHepuq({ plugins: c.plugins?.() ?? [] });
    });
    afterAll(() => app?.dispose());

    it('has a valid name, description and arguments', () => {
      expect(command.name).toMatch(/^(?:[a-z0-9][a-z0-9-]*\/)?[a-z][a-z0-9-]*$/);
      expect(['run', 'plugins', 'help'], 'the CLI\'s own commands').not.toContain(command.name);
      expect(command.description.trim()).not.toBe('');
      const args = command.arguments ?? [];
      for (const a of args) {
        expect(a.name).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(a.description.trim()).not.toBe('');
      }
      const firstOptional = args.findIndex((a) => a.required === false);
      if (firstOptional >= 0) expect(args.slice(firstOptional).every((a) => a.required === false), 'optional arguments come last').toBe(true);
    });

    it('declares well-formed commander options', () => {
      const attributes = new Set<string>();
      for (const o of command.options) {
        expect(o.flags, 'commander flags: --long-name [<value>|[value]]').toMatch(FLAGS);
        expect(o.description.trim(), `${o.flags} description`).not.toBe('');
        const attribute = commanderAttribute(o.flags);
        expect(attributes.has(attribute), `${o.flags}: attribute "${attribute}" declared twice`).toBe(false);
        attributes.add(attribute);
        const takesValue = /[<[]/.test(o.flags);
        if (o.default !== undefined) expect(typeof o.default, `${o.flags} default`).toBe(takesValue ? 'string' : 'boolean');
        if (o.output === 'directory') expect(takesValue, `${o.flags}: an output directory option takes a value`).toBe(true);
      }
    });

    const knownGlobal = c.knownIssues?.globalFlags;
    (knownGlobal ? it.fails : it)(`uses no flag the CLI keeps for itself${knownGlobal ? ` (known issue: ${knownGlobal})` : ''}`, () => {
      const flags = command.options.flatMap((o) => o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-')));
      expect(flags.filter((f) => CLI_GLOBAL_FLAGS.includes(f)), 'commander hands these to the CLI, never to the command').toEqual([]);
    });

    it('has examples that use declared options only', () => {
      expect(c.examples.length, 'at least one example').toBeGreaterThan(0);
      const declared = new Set(command.options.map((o) => commanderAttribute(o.flags)));
      for (const inv of [...c.examples, ...c.invalid]) {
        for (const key of Object.keys(inv.options ?? {})) expect([...declared], `example option "${key}"`).toContain(key);
      }
    });

    it('runs every example to exit code 0, printing JSON lines under --json', async () => {
      for (const inv of c.examples) {
        const plain = invoke(inv, false);
        expect(await plain.result() ?? 0, `exit code of ${JSON.stringify(inv)}`).toBe(0);
        expect(plain.captured.lines.length, 'prints something').toBeGreaterThan(0);
        if (!json) continue;
        const asJson = invoke(inv, true);
        expect(await asJson.result() ?? 0, `exit code of ${JSON.stringify(inv)} --json`).toBe(0);
        expect(asJson.captured.lines.length, 'prints a JSON result').toBeGreaterThan(0);
        for (const line of asJson.captured.lines) expect(() => JSON.parse(line) as unknown, `--json line ${line.slice(0, 80)}`).not.toThrow();
      }
    });

    it('rejects bad arguments with a catalog HepuqError naming them', async () => {
      expect(c.invalid.length, 'at least one invalid invocation').toBeGreaterThan(0);
      for (const inv of c.invalid) {
        const err = await caught(() => invoke(inv, false).result());
        expectCatalogError(err, `invalid ${JSON.stringify(inv)}`, { mentions: inv.mentions === undefined ? [] : [inv.mentions] });
      }
    });
  });
}
