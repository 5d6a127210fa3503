// The few pieces of Grafana's dashboard JSON model (schemaVersion 39) the platform's dashboards use.

export interface Target {
  expr: string;
  legendFormat: string;
}

export interface Panel {
  type: "timeseries" | "stat";
  title: string;
  description?: string;
  unit: string;
  targets: Target[];
  /** A red line (timeseries) or colour step (stat) at this value: the seed's target. */
  threshold?: number;
  /** Stat panels: higher is better (availability), so the threshold colours what falls below it. */
  higherIsBetter?: boolean;
}

export interface Row {
  title: string;
  panels: Panel[];
}

export interface Dashboard {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  rows: Row[];
}

export const target = (expr: string, legendFormat = ""): Target => ({ expr, legendFormat });

/** `{job=~"$job", instance=~"$instance", <extra>}`: every query honours the two template variables. */
export const selector = (extra = ""): string =>
  `{job=~"$job", instance=~"$instance"${extra ? `, ${extra}` : ""}}`;

/** Grafana's `${datasource}` variable (its syntax, not a template literal's). */
export const DATASOURCE_VARIABLE = "$" + "{datasource}";
const DATASOURCE = { type: "prometheus", uid: DATASOURCE_VARIABLE };
const WIDTH = 24;
const PANEL_WIDTH = 8;
const PANEL_HEIGHT = 8;

function thresholds(panel: Panel) {
  const steps: Array<{ color: string; value: number | null }> = [
    { color: panel.higherIsBetter ? "red" : "green", value: null },
  ];
  if (panel.threshold !== undefined)
    steps.push({ color: panel.higherIsBetter ? "green" : "red", value: panel.threshold });
  return { mode: "absolute", steps };
}

function panelJson(panel: Panel, id: number, x: number, y: number) {
  const line = panel.type === "timeseries" && panel.threshold !== undefined;
  return {
    id,
    type: panel.type,
    title: panel.title,
    ...(panel.description ? { description: panel.description } : {}),
    datasource: DATASOURCE,
    gridPos: { h: PANEL_HEIGHT, w: PANEL_WIDTH, x, y },
    fieldConfig: {
      defaults: {
        unit: panel.unit,
        thresholds: thresholds(panel),
        ...(line ? { custom: { thresholdsStyle: { mode: "line" } } } : {}),
      },
      overrides: [],
    },
    options:
      panel.type === "stat"
        ? { reduceOptions: { calcs: ["lastNotNull"], fields: "", values: false }, colorMode: "value" }
        : { legend: { displayMode: "table", placement: "bottom", calcs: ["lastNotNull", "max"] } },
    targets: panel.targets.map((t, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource: DATASOURCE,
      expr: t.expr,
      legendFormat: t.legendFormat,
    })),
  };
}

function templating() {
  const query = (name: string, label: string, expr: string) => ({
    name,
    label,
    type: "query",
    datasource: DATASOURCE,
    query: { query: expr, refId: `${name}-variable` },
    definition: expr,
    refresh: 2,
    includeAll: true,
    multi: true,
    allValue: ".*",
    current: { selected: true, text: ["All"], value: ["$__all"] },
    sort: 1,
  });
  return {
    list: [
      { name: "datasource", label: "Prometheus", type: "datasource", query: "prometheus", current: {} },
      query("job", "Job", "label_values(process_cpu_seconds_total, job)"),
      query("instance", "Instance", 'label_values(process_cpu_seconds_total{job=~"$job"}, instance)'),
    ],
  };
}

/** The dashboard as Grafana imports it: rows of panels three to a line, then the template variables. */
export function dashboardJson(dashboard: Dashboard): Record<string, unknown> {
  const panels: unknown[] = [];
  let id = 1;
  let y = 0;
  for (const row of dashboard.rows) {
    panels.push({
      id: id++,
      type: "row",
      title: row.title,
      collapsed: false,
      gridPos: { h: 1, w: WIDTH, x: 0, y },
      panels: [],
    });
    y += 1;
    row.panels.forEach((panel, i) => {
      const x = (i * PANEL_WIDTH) % WIDTH;
      if (i > 0 && x === 0) y += PANEL_HEIGHT;
      panels.push(panelJson(panel, id++, x, y));
    });
    y += PANEL_HEIGHT;
  }
  return {
    uid: dashboard.uid,
    title: dashboard.title,
    description: dashboard.description,
    tags: dashboard.tags,
    editable: true,
    graphTooltip: 1,
    refresh: "30s",
    schemaVersion: 39,
    time: { from: "now-6h", to: "now" },
    timezone: "utc",
    templating: templating(),
    annotations: { list: [] },
    panels,
    version: 1,
  };
}
