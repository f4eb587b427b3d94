#!/usr/bin/env node
// The one test command (`npm test`): installs what the tests need beyond npm (Debian chromium for
// the report's browser test, Debian redis-server for the BullMQ executor's tests), builds and
// type-checks every package and spec file, lints, runs vitest, and prints the plain closing line
// `N passed, N failed, N skipped` that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;

for (const script of ['packages/report/scripts/ensure-chromium.sh', 'packages/executor-bullmq/scripts/ensure-redis.sh', 'packages/executor-slurm/scripts/ensure-slurm.sh']) {
  if (existsSync(script) && run('bash', [script]) !== 0) {
    console.error(`test setup failed: ${script}`);
    process.exit(1);
  }
}

// build every package (strict), then type-check the specs too (vitest strips types without checking)
if (run('npm', ['run', 'typecheck', '--silent']) !== 0) {
  console.log('0 passed, 1 failed');
  console.error('type check failed (npm run typecheck)');
  process.exit(1);
}

if (run('npx', ['eslint', '.']) !== 0) {
  console.log('0 passed, 1 failed');
  console.error('lint failed (npm run lint)');
  process.exit(1);
}

const results = '.vitest-results.json';
rmSync(results, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}`, ...process.argv.slice(2)]);
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // a spec file that fails before running any test (import or syntax error) counts as one failure
  const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed${skipped ? `, ${skipped} skipped` : ''}`);
} else {
  console.log('0 passed, 1 failed');
}
process.exit(status);
