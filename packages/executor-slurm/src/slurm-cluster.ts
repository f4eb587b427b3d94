import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private one-node Slurm cluster: the environment its clients need (`SLURM_CONF`), its directory, and `stop`. */
export interface SlurmCluster {
  /** Environment variables for `sbatch`, `squeue`, `scancel` and `sinfo` (and the jobs they submit). */
  env: { SLURM_CONF: string; HEPUQ_SLURM_CLUSTER: string };
  dir: string;
  /** The partition (the only one, and the default). */
  partition: string;
  /** Memory of the node in megabytes (`--mem` must fit under it). */
  memory: number;
  /** Cancel every job, kill every process the cluster started (daemons, job steps, tasks), remove its directory. */
  stop(): Promise<void>;
}

export interface SlurmClusterOptions {
  /** CPUs of the node (default 2; may exceed the machine's cores). */
  cpus?: number;
  /** Memory of the node in megabytes (default 4000). */
  memory?: number;
}

const SBIN = process.env.HEPUQ_SLURM_SBIN ?? '/usr/sbin';

/** A TCP port free on this machine right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Processes whose environment carries `marker` (every daemon, job step and task of one cluster does). */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

function slurmConf(d: string, name: string, ports: [number, number], cpus: number, memory: number): string {
  return [
    `ClusterName=${name}`,
    'SlurmctldHost=localhost',
    'SlurmUser=root',
    'SlurmdUser=root',
    `SlurmctldPort=${ports[0]}`,
    `SlurmdPort=${ports[1]}`,
    'AuthType=auth/munge',
    'CredType=cred/munge',
    `AuthInfo=socket=${d}/munge/sock`,
    `StateSaveLocation=${d}/state`,
    `SlurmdSpoolDir=${d}/spool`,
    `SlurmctldPidFile=${d}/slurmctld.pid`,
    `SlurmdPidFile=${d}/slurmd.pid`,
    `SlurmctldLogFile=${d}/log/slurmctld.log`,
    `SlurmdLogFile=${d}/log/slurmd.log`,
    'ProctrackType=proctrack/linuxproc',
    'TaskPlugin=task/none',
    'JobAcctGatherType=jobacct_gather/none',
    'AccountingStorageType=accounting_storage/none',
    'SchedulerType=sched/backfill',
    // schedule at once on submission and when a job ends (a test waits on every pass)
    'SchedulerParameters=sched_min_interval=0,batch_sched_delay=0',
    'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_Core',
    'ReturnToService=2',
    'MpiDefault=none',
    'SwitchType=switch/none',
    'KillWait=2',
    // the node may declare more CPUs than the machine has (a test runs more elements at once than cores)
    'SlurmdParameters=config_overrides',
    `NodeName=localhost CPUs=${cpus} RealMemory=${memory} State=UNKNOWN`,
    'PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP',
    '',
  ].join('\n');
}

async function waitUntil(ok: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Start a private one-node Slurm cluster for tests (Debian's `slurm-wlm` and `munge`, installed by
 * `scripts/ensure-slurm.sh`): its own munge daemon, key and socket, `slurmctld` and `slurmd` on
 * random free ports, all state and logs in a temporary directory; nothing under /etc changes and no
 * service starts. Jobs run as the calling user (root: the daemons run as root). Every process the
 * cluster starts carries a marker in its environment, so `stop` (also run when this process exits)
 * finds and kills them all, job steps and tasks included.
 * @example const cluster = await startSlurmCluster(); process.env.SLURM_CONF = cluster.env.SLURM_CONF; ...; await cluster.stop();
 */
export async function startSlurmCluster(options: SlurmClusterOptions = {}): Promise<SlurmCluster> {
  for (const daemon of ['munged', 'slurmctld', 'slurmd']) {
    if (!existsSync(join(SBIN, daemon))) throw new Error(`${join(SBIN, daemon)} is not installed: run \`bash packages/executor-slurm/scripts/ensure-slurm.sh\` (Debian: apt-get install -y slurm-wlm munge), or set HEPUQ_SLURM_SBIN`);
  }
  if (process.getuid?.() !== 0) throw new Error('startSlurmCluster needs root: its slurmctld, slurmd and munged run as root (SlurmUser=root), as in the CI container');
  const d = mkdtempSync(join(tmpdir(), 'hepuq-slurm-'));
  chmodSync(d, 0o755);
  const name = `hepuq${randomBytes(4).toString('hex')}`;
  const cpus = options.cpus ?? 2;
  const memory = options.memory ?? 4000;
  for (const sub of ['state', 'spool', 'log', 'munge']) mkdirSync(join(d, sub));
  writeFileSync(join(d, 'munge', 'munge.key'), randomBytes(1024), { mode: 0o400 });
  chmodSync(join(d, 'munge'), 0o700);
  const conf = join(d, 'slurm.conf');
  const ports = [await freePort(), await freePort()] as [number, number];
  writeFileSync(conf, slurmConf(d, name, ports, cpus, memory));
  const marker = `HEPUQ_SLURM_CLUSTER=${d}`;
  const env = { ...process.env, SLURM_CONF: conf, HEPUQ_SLURM_CLUSTER: d };
  const killAll = () => {
    for (const pid of processesWith(marker)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killAll);
  const stop = async () => {
    spawnSync('scancel', ['--full', '--quiet', `--partition=debug`], { env, timeout: 5000 });
    await new Promise((r) => setTimeout(r, 200));
    killAll();
    await waitUntil(() => processesWith(marker).length === 0, 5000, () => `the cluster's processes to exit (${processesWith(marker).join(' ')})`).catch(() => undefined);
    process.off('exit', killAll);
    rmSync(d, { recursive: true, force: true });
  };
  try {
    const munge = spawnSync(join(SBIN, 'munged'), [`--key-file=${d}/munge/munge.key`, `--socket=${d}/munge/sock`, `--pid-file=${d}/munge/pid`, `--log-file=${d}/munge/log`, `--seed-file=${d}/munge/seed`, '--force'], { env, encoding: 'utf8' });
    if (munge.status !== 0) throw new Error(`munged failed (${munge.status}): ${munge.stderr}`);
    // the daemons in the foreground, as children of this process (the marker travels in their environment)
    for (const [daemon, args] of [['slurmctld', ['-D', '-i', '-f', conf]], ['slurmd', ['-D', '-N', 'localhost', '-f', conf]]] as const) {
      const child = spawn(join(SBIN, daemon), args, { env, stdio: 'ignore', detached: false });
      child.unref();
    }
    const log = () => ['slurmctld.log', 'slurmd.log'].map((f) => (existsSync(join(d, 'log', f)) ? readFileSync(join(d, 'log', f), 'utf8').slice(-2000) : '')).join('\n');
    await waitUntil(() => {
      const r = spawnSync('sinfo', ['-h', '-o', '%T'], { env, encoding: 'utf8', timeout: 5000 });
      return r.status === 0 && /^idle/m.test(r.stdout);
    }, 30_000, () => `the Slurm node to become idle:\n${log()}`);
    return { env: { SLURM_CONF: conf, HEPUQ_SLURM_CLUSTER: d }, dir: d, partition: 'debug', memory, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
