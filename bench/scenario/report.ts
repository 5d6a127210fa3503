// The scenario's tables: per ramp step and operation, the rate achieved, latency percentiles and errors
// against the seed's targets; then the highest step that met them, with each process's CPU and memory.
import { fmt } from "../live/format.ts";
import { ascending, percentile } from "../stats.ts";
import type { Usage } from "./processUsage.ts";
import type { Sample } from "./recorder.ts";
import { ERROR_TARGET, P99_TARGET_MS } from "./settings.ts";

/** Not one request but a wait on events (finance authorizing a payment): shown, not judged. */
export const ASYNC_OPERATIONS = new Set(["order opens (payment saga)"]);

export interface OperationResult {
  op: string;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errorRate: number;
  errors: Map<string, number>;
  meets: boolean;
}

export interface StepResult {
  rate: number;
  seconds: number;
  operations: OperationResult[];
  usage: Usage[];
  meets: boolean;
  p99Worst: number;
  errorRate: number;
  achieved: number;
}

export function summarize(rate: number, samples: Sample[], seconds: number, usage: Usage[]): StepResult {
  const byOp = new Map<string, Sample[]>();
  for (const sample of samples) byOp.set(sample.op, [...(byOp.get(sample.op) ?? []), sample]);
  const operations = [...byOp.entries()]
    .map(([op, list]): OperationResult => {
      const sorted = ascending(list.map((s) => s.ms));
      const failed = list.filter((s) => !s.ok);
      const errors = new Map<string, number>();
      for (const f of failed) errors.set(f.error ?? "?", (errors.get(f.error ?? "?") ?? 0) + 1);
      const p99 = percentile(sorted, 99);
      const errorRate = failed.length / list.length;
      return {
        op,
        perSecond: list.length / seconds,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99,
        errorRate,
        errors,
        meets: p99 < P99_TARGET_MS && errorRate < ERROR_TARGET,
      };
    })
    .sort((a, b) => b.perSecond - a.perSecond);
  const judged = operations.filter((o) => !ASYNC_OPERATIONS.has(o.op));
  const requests = samples.filter((s) => !ASYNC_OPERATIONS.has(s.op));
  return {
    rate,
    seconds,
    operations,
    usage,
    meets: judged.every((o) => o.meets),
    p99Worst: Math.max(...judged.map((o) => o.p99)),
    errorRate: requests.filter((s) => !s.ok).length / Math.max(1, requests.length),
    achieved: requests.length / seconds,
  };
}

const ms = (n: number) => fmt(n, 0);
const percent = (n: number) => `${fmt(n * 100, 2)} %`;

export function stepTable(step: StepResult): string {
  const lines = [
    `### Target ${fmt(step.rate)} ops/s: ${fmt(step.achieved, 1)} requests/s answered over ${fmt(step.seconds, 1)} s, worst p99 ${ms(step.p99Worst)} ms, errors ${percent(step.errorRate)} ${step.meets ? "✔" : "✘"}`,
    "",
    `| operation | per second | p50 ms | p95 ms | p99 ms | errors | p99 < ${P99_TARGET_MS} ms, errors < ${fmt(ERROR_TARGET * 100, 1)} % |`,
    "| --- | --: | --: | --: | --: | --: | :-: |",
    ...step.operations.map(
      (o) =>
        `| ${o.op} | ${fmt(o.perSecond, 1)} | ${ms(o.p50)} | ${ms(o.p95)} | ${ms(o.p99)} | ${percent(o.errorRate)} | ${ASYNC_OPERATIONS.has(o.op) ? "(async, not judged)" : o.meets ? "✔" : "✘"} |`,
    ),
  ];
  const errors = step.operations.flatMap((o) =>
    [...o.errors.entries()].map(([message, count]) => `${o.op}: ${fmt(count)} × ${message}`),
  );
  if (errors.length) lines.push("", `Errors: ${errors.slice(0, 8).join("; ")}`);
  return lines.join("\n");
}

/** Each process's CPU and RSS over the step, and its CPU per answered request (what capacity is sized from). */
export function usageTable(step: StepResult): string {
  return [
    "| process | CPU (% of one core) | CPU ms per answered request | RSS MiB |",
    "| --- | --: | --: | --: |",
    ...step.usage.map(
      (u) =>
        `| ${u.name} | ${fmt(u.cpuPercent, 1)} | ${fmt((u.cpuPercent * 10) / step.achieved, 2)} | ${u.rssMiB === null ? "–" : fmt(u.rssMiB, 0)} |`,
    ),
  ].join("\n");
}

export function rampTable(steps: StepResult[]): string {
  return [
    "| target ops/s | answered requests/s | worst p99 ms | errors | targets |",
    "| --: | --: | --: | --: | :-: |",
    ...steps.map(
      (s) =>
        `| ${fmt(s.rate)} | ${fmt(s.achieved, 1)} | ${ms(s.p99Worst)} | ${percent(s.errorRate)} | ${s.meets ? "✔" : "✘"} |`,
    ),
  ].join("\n");
}
