import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root and the built CLI the array elements run (`hepuq slurm-task`). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_BIN = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));

/** Fail with the build command when the CLI has not been built (`npm test` builds before testing). */
export function assertCliBuilt(): void {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} does not exist: run \`npx tsc -b tsconfig.build.json\` first (\`npm test\` builds before testing)`);
}
