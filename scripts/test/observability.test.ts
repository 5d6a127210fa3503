import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { dashboardFiles } from "../dashboards/dashboardFiles.ts";
import { DATASOURCE_VARIABLE } from "../dashboards/panels.ts";
import {
  ALERTS_PATH,
  alertRules,
  dashboardPaths,
  dashboardQueries,
  promtoolPath,
  ruleQueries,
  selectedMetrics,
  withoutGrafanaVariables,
} from "../observability/queries.ts";
import { REPO_ROOT, subgraphNames } from "../subgraphRegistry.ts";

const PROMETHEUS_DIR = join(REPO_ROOT, "deploy", "prometheus");
const work = mkdtempSync(join(tmpdir(), "observability-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** promtool's output, or its output as the error when it fails. */
function promtool(...args: string[]): string {
  try {
    return execFileSync(promtoolPath(), args, { encoding: "utf8", stdio: "pipe", timeout: 60_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

describe("the alert rules (deploy/prometheus/alerts.yml)", () => {
  it("pass promtool check rules", () => {
    expect(promtool("check", "rules", ALERTS_PATH)).toContain("SUCCESS");
  });

  it("fire as alerts.test.yml expects, series in and alerts out", () => {
    expect(promtool("test", "rules", join(PROMETHEUS_DIR, "alerts.test.yml"))).toContain("SUCCESS");
  }, 60_000); // a day of one-minute evaluations for DeadLettersWaiting

  it("give every alert a severity, summary, description and a runbook section that exists", () => {
    const runbook = readFileSync(join(PROMETHEUS_DIR, "RUNBOOK.md"), "utf8");
    const anchors = new Set([...runbook.matchAll(/^## (\S+)$/gm)].map((m) => (m[1] as string).toLowerCase()));
    const alerts = alertRules().groups.flatMap((g) => g.rules.filter((r) => r.alert));
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    for (const rule of alerts as Array<{
      alert: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    }>) {
      expect(["critical", "warning", "info"], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.annotations?.description, rule.alert).toBeTruthy();
      const anchor = rule.annotations?.runbook?.split("#")[1];
      expect(anchors.has(anchor ?? ""), `${rule.alert}: runbook ${rule.annotations?.runbook}`).toBe(true);
    }
  });

  it("have a unit test for every alert", () => {
    const tests = readFileSync(join(PROMETHEUS_DIR, "alerts.test.yml"), "utf8");
    const tested = new Set([...tests.matchAll(/alertname: (\S+)/g)].map((m) => m[1]));
    const alerts = alertRules().groups.flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : [])));
    expect(alerts.filter((alert) => !tested.has(alert))).toEqual([]);
  });
});

describe("the example scrape configuration (deploy/prometheus/prometheus.yml)", () => {
  it("passes promtool check config (its docker compose part: Debian's promtool has no Kubernetes discovery)", () => {
    const config = parse(readFileSync(join(PROMETHEUS_DIR, "prometheus.yml"), "utf8")) as Record<
      string,
      unknown
    >;
    const jobs = config.scrape_configs as Array<Record<string, unknown>>;
    const kubernetes = jobs.find((job) => job.kubernetes_sd_configs);
    expect(kubernetes?.relabel_configs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"],
          action: "keep",
        }),
      ]),
    );
    const composeOnly = join(work, "prometheus.yml");
    writeFileSync(
      composeOnly,
      stringify({ ...config, scrape_configs: jobs.filter((job) => job !== kubernetes) }),
    );
    copyFileSync(ALERTS_PATH, join(work, "alerts.yml"));
    expect(promtool("check", "config", composeOnly)).toContain("SUCCESS");
  });
});

describe("the Grafana dashboards (deploy/grafana)", () => {
  it("are what scripts/dashboards generates, one per subgraph (npm run dashboards)", () => {
    const files = dashboardFiles(subgraphNames());
    expect(files.size).toBe(subgraphNames().length + 1);
    for (const [path, text] of files) expect(readFileSync(join(REPO_ROOT, path), "utf8"), path).toBe(text);
    expect(dashboardPaths().length).toBe(files.size);
  });

  it("choose their Prometheus data source, job and instance", () => {
    for (const path of dashboardPaths()) {
      const dashboard = JSON.parse(readFileSync(path, "utf8"));
      const variables = dashboard.templating.list.map((v: { name: string }) => v.name);
      expect(variables, path).toEqual(["datasource", "job", "instance"]);
      for (const panel of dashboard.panels.filter((p: { type: string }) => p.type !== "row"))
        expect(panel.datasource.uid, `${path}: ${panel.title}`).toBe(DATASOURCE_VARIABLE);
    }
  });

  it("query in PromQL that Prometheus parses (promtool, each as a recording rule)", () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(200);
    const rules = [...new Set(queries.map((q) => withoutGrafanaVariables(q.expr)))].map((expr, i) => ({
      record: `dashboard:query_${i}`,
      expr,
    }));
    const file = join(work, "dashboard-queries.yml");
    writeFileSync(file, stringify({ groups: [{ name: "dashboards", rules }] }));
    expect(promtool("check", "rules", file)).toContain(`SUCCESS: ${rules.length} rules found`);
  });

  it("and in PromQL the grammar the metric-name check uses parses too", () => {
    for (const { where, expr } of [...dashboardQueries(), ...ruleQueries()])
      expect(selectedMetrics(withoutGrafanaVariables(expr)).length, where).toBeGreaterThan(0);
  });
});
