import { join } from "node:path";
import { dashboardJson } from "./panels.ts";
import { platformDashboard } from "./platformDashboard.ts";
import { subgraphDashboard } from "./subgraphDashboard.ts";

export const GRAFANA_DIR = join("deploy", "grafana");

const text = (json: unknown) => `${JSON.stringify(json, null, 2)}\n`;

/** One subgraph's dashboard: its path under the repository root and its JSON (new:subgraph writes it too). */
export const subgraphDashboardFile = (name: string): [string, string] => [
  join(GRAFANA_DIR, "subgraphs", `${name}.json`),
  text(dashboardJson(subgraphDashboard(name))),
];

/** Each dashboard's path under the repository root, and its JSON text. */
export function dashboardFiles(subgraphs: readonly string[]): Map<string, string> {
  return new Map([
    [join(GRAFANA_DIR, "platform.json"), text(dashboardJson(platformDashboard))],
    ...subgraphs.map(subgraphDashboardFile),
  ]);
}
