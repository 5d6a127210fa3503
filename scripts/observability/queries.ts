// What the observability tests read: every PromQL expression of the dashboards and the alert rules, the
// metric names each selects, and where promtool is.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parser } from "@prometheus-io/lezer-promql";
import { parse } from "yaml";
import { GRAFANA_DIR } from "../dashboards/dashboardFiles.ts";
import { REPO_ROOT } from "../subgraphRegistry.ts";

export const ALERTS_PATH = join(REPO_ROOT, "deploy", "prometheus", "alerts.yml");

export interface Query {
  /** Where it is: `<file>: <panel title>` or `alerts.yml: <alert or record name>`. */
  where: string;
  expr: string;
}

interface GrafanaPanel {
  title: string;
  targets?: Array<{ expr: string }>;
}

/** Every dashboard JSON file under deploy/grafana. */
export function dashboardPaths(): string[] {
  const dir = join(REPO_ROOT, GRAFANA_DIR);
  const subgraphs = join(dir, "subgraphs");
  return [join(dir, "platform.json"), ...readdirSync(subgraphs).map((file) => join(subgraphs, file))];
}

export function dashboardQueries(): Query[] {
  return dashboardPaths().flatMap((path) => {
    const dashboard = JSON.parse(readFileSync(path, "utf8")) as { panels: GrafanaPanel[] };
    return dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((t) => ({
        where: `${path.slice(REPO_ROOT.length + 1)}: ${panel.title}`,
        expr: t.expr,
      })),
    );
  });
}

interface RuleFile {
  groups: Array<{ rules: Array<{ alert?: string; record?: string; expr: string }> }>;
}

export const alertRules = (): RuleFile => parse(readFileSync(ALERTS_PATH, "utf8")) as RuleFile;

export function ruleQueries(): Query[] {
  return alertRules().groups.flatMap((group) =>
    group.rules.map((rule) => ({ where: `alerts.yml: ${rule.alert ?? rule.record}`, expr: rule.expr })),
  );
}

/** Names the rules record themselves (`service:...`): selected by alerts, never scraped. */
export const recordedNames = (): Set<string> =>
  new Set(alertRules().groups.flatMap((g) => g.rules.flatMap((r) => (r.record ? [r.record] : []))));

/** Grafana's variables as a Prometheus server would see them once Grafana substituted them. */
export const withoutGrafanaVariables = (expr: string): string =>
  expr
    .replaceAll("$__rate_interval", "5m")
    .replaceAll("$__range", "1h")
    .replaceAll("$job", ".*")
    .replaceAll("$instance", ".*");

/** The metric names `expr` selects; throws where the PromQL grammar finds an error. */
export function selectedMetrics(expr: string): string[] {
  const names: string[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) throw new Error(`PromQL syntax error at ${node.from} in: ${expr}`);
      if (node.name === "Identifier" && node.node.parent?.name === "VectorSelector")
        names.push(expr.slice(node.from, node.to));
    },
  });
  return names;
}

/**
 * promtool: `$PROMTOOL`, else where scripts/tools/promtool.sh unpacks it (run by .ci/run), else on PATH.
 * Throws with the command that gets it.
 */
export function promtoolPath(): string {
  const cached = join(
    process.env.HEALTH_TOOLS_DIR ??
      join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "health-tools"),
    "prometheus",
    "usr",
    "bin",
    "promtool",
  );
  for (const candidate of [process.env.PROMTOOL, cached])
    if (candidate && existsSync(candidate)) return candidate;
  try {
    return execFileSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("promtool not found: run scripts/tools/promtool.sh (CI runs it from .ci/run)");
  }
}
