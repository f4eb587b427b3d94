import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeExecutorConformance } from '@hepuq/testing';
import { afterAll, beforeAll } from 'vitest';
import { startSlurmCluster } from './slurm-cluster.js';
import { slurmExecutorFactory } from './slurm-executor.factory.js';
import { assertCliBuilt, CLI_BIN } from './spec-helpers.js';

// The executor conformance suite on a private one-node Slurm cluster (slurmctld, slurmd and munged
// started for this file on random ports): every map is an sbatch array whose elements run
// `hepuq slurm-task` of the built CLI, four at a time (the node declares 4 CPUs, one per task: element
// start-up, a process and a worker thread, waits more than it computes).
const cluster = await startSlurmCluster({ cpus: 4 });
Object.assign(process.env, cluster.env);
const store = mkdtempSync(join(tmpdir(), 'hepuq-slurm-store-'));

beforeAll(() => assertCliBuilt());
afterAll(async () => {
  await cluster.stop();
  rmSync(store, { recursive: true, force: true });
});

describeExecutorConformance({
  factory: slurmExecutorFactory,
  options: { store, partition: cluster.partition, cpus: 1, mem: '500M', time: '5:00', cli: CLI_BIN, pollInterval: 200, gracePeriod: 2000 },
  label: '(one-node cluster)',
});
