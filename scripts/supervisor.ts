// npm start's process supervision (issue 17.5): a child that exits on its own is restarted with
// backoff and a line saying why; the platform stops only when told to, each child given SIGTERM and a
// bounded time to drain before SIGKILL.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export interface SupervisorOptions {
  /** Where lines go (the children's output, labelled, and the supervisor's own). */
  log?: (line: string) => void;
  /** First restart delay, doubled per consecutive crash up to `maxBackoffMs`. Default 1 s. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long before exiting starts its backoff over. Default 60 s. */
  stableAfterMs?: number;
  /** How long `stop()` waits for SIGTERM to end a child before SIGKILL. Default 20 s. */
  graceMs?: number;
}

interface Supervised {
  spec: ProcessSpec;
  child?: ChildProcess;
  startedAt: number;
  crashes: number;
  restart?: NodeJS.Timeout;
}

export class Supervisor {
  private readonly processes = new Map<string, Supervised>();
  private stopping = false;
  private readonly log: (line: string) => void;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly stableAfterMs: number;
  private readonly graceMs: number;

  constructor(options: SupervisorOptions = {}) {
    this.log = options.log ?? ((line) => console.log(line));
    this.initialBackoffMs = options.initialBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.stableAfterMs = options.stableAfterMs ?? 60_000;
    this.graceMs = options.graceMs ?? 20_000;
  }

  start(spec: ProcessSpec): void {
    const supervised: Supervised = { spec, startedAt: 0, crashes: 0 };
    this.processes.set(spec.name, supervised);
    this.spawn(supervised);
  }

  /** The pid of a running child (for tests and for `kill` by hand). */
  pid(name: string): number | undefined {
    return this.processes.get(name)?.child?.pid;
  }

  /** SIGTERM to every child, SIGKILL to those still running after the grace time. */
  async stop(): Promise<void> {
    this.stopping = true;
    const exits = [...this.processes.values()].map(async (supervised) => {
      clearTimeout(supervised.restart);
      const child = supervised.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const killer = setTimeout(() => {
        this.log(`✖ ${supervised.spec.name} did not stop within ${this.graceMs / 1000} s; killing it.`);
        child.kill("SIGKILL");
      }, this.graceMs);
      await exited;
      clearTimeout(killer);
    });
    await Promise.all(exits);
  }

  private spawn(supervised: Supervised): void {
    const { spec } = supervised;
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    supervised.child = child;
    supervised.startedAt = Date.now();
    const label = spec.name.padEnd(7);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => this.log(`${label}| ${line}`));
    }
    child.once("exit", (code, signal) => this.exited(supervised, code, signal));
  }

  private exited(supervised: Supervised, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const ranMs = Date.now() - supervised.startedAt;
    supervised.crashes = ranMs >= this.stableAfterMs ? 1 : supervised.crashes + 1;
    const delayMs = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** (supervised.crashes - 1));
    const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    this.log(
      `✖ ${supervised.spec.name} ${why} after ${(ranMs / 1000).toFixed(1)} s; restarting in ${delayMs / 1000} s (the rest keep serving).`,
    );
    supervised.restart = setTimeout(() => {
      supervised.restart = undefined;
      if (!this.stopping) this.spawn(supervised);
    }, delayMs);
  }
}
