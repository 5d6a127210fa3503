// Panels both kinds of dashboard show, for one service's series (`service="router"`, `service="trade"`)
// or all of them. The seed's targets: responses under 200 ms, errors under 0.1 %, availability over 99.9 %.
import { type Panel, selector, target } from "./panels.ts";

export const LATENCY_TARGET_SECONDS = 0.2;
export const ERROR_RATIO_TARGET = 0.001;
export const AVAILABILITY_TARGET = 0.999;

const RATE = "$__rate_interval";

const quantiles = (by: string, metric: string, filter: string) =>
  [0.5, 0.95, 0.99].map((q) =>
    target(
      `histogram_quantile(${q}, sum by (${by}, le) (rate(${metric}_bucket${selector(filter)}[${RATE}])))`,
      `p${Math.round(q * 100)} {{${by}}}`,
    ),
  );

const errorRatio = (filter: string, range: string) =>
  `sum(rate(graphql_operations_total${selector(`${filter}, outcome="server_error"`)}[${range}])) / sum(rate(graphql_operations_total${selector(filter)}[${range}]))`;

/** Requests, latency per operation, error ratio, availability and errors by code, of `filter`'s operations. */
export function operationPanels(filter: string): Panel[] {
  return [
    {
      type: "timeseries",
      title: "Requests per second",
      unit: "reqps",
      targets: [
        target(
          `sum by (outcome) (rate(graphql_operations_total${selector(filter)}[${RATE}]))`,
          "{{outcome}}",
        ),
      ],
    },
    {
      type: "timeseries",
      title: "Latency p50 / p95 / p99 per operation",
      description: "Operations outside the persisted-documents manifest are counted as `other`.",
      unit: "s",
      threshold: LATENCY_TARGET_SECONDS,
      targets: quantiles("operation", "graphql_operation_duration_seconds", filter),
    },
    {
      type: "timeseries",
      title: "Server error ratio (target < 0.1 %)",
      description:
        "Operations answered with an error that is the platform's fault (INTERNAL, UNAVAILABLE, SUBGRAPH_*).",
      unit: "percentunit",
      threshold: ERROR_RATIO_TARGET,
      targets: [target(errorRatio(filter, RATE), "server errors / operations")],
    },
    {
      type: "stat",
      title: "Availability over the range (target > 99.9 %)",
      unit: "percentunit",
      threshold: AVAILABILITY_TARGET,
      higherIsBetter: true,
      targets: [target(`1 - (${errorRatio(filter, "$__range")})`, "availability")],
    },
    {
      type: "timeseries",
      title: "Errors by code",
      unit: "reqps",
      targets: [
        target(
          `sum by (code) (rate(graphql_operation_errors_total${selector(filter)}[${RATE}]))`,
          "{{code}}",
        ),
      ],
    },
    {
      type: "stat",
      title: "Instances up",
      unit: "short",
      targets: [target(`sum(up${selector()})`, "up")],
    },
  ];
}

/** How the router sees each subgraph (`filter` narrows to one): fetch latency, failures, circuit. */
export function subgraphFetchPanels(filter: string): Panel[] {
  return [
    {
      type: "timeseries",
      title: "Subgraph fetch latency p50 / p95 / p99 (router side)",
      unit: "s",
      threshold: LATENCY_TARGET_SECONDS,
      targets: quantiles("subgraph", "router_subgraph_request_duration_seconds", filter),
    },
    {
      type: "timeseries",
      title: "Subgraph fetch errors (router side)",
      unit: "reqps",
      targets: [
        target(
          `sum by (subgraph, code) (rate(router_subgraph_request_errors_total${selector(filter)}[${RATE}]))`,
          "{{subgraph}} {{code}}",
        ),
      ],
    },
    {
      type: "timeseries",
      title: "Circuit state (0 closed, 1 half-open, 2 open)",
      unit: "short",
      targets: [
        target(`max by (subgraph) (router_subgraph_circuit_state${selector(filter)})`, "{{subgraph}}"),
      ],
    },
  ];
}

/** Consumer lag, dead letters, outbox age and backlog of `filter`'s services. */
export function eventPanels(filter: string): Panel[] {
  return [
    {
      type: "timeseries",
      title: "Consumer lag (messages not yet delivered)",
      unit: "short",
      targets: [target(`max by (consumer) (events_consumer_lag${selector(filter)})`, "{{consumer}}")],
    },
    {
      type: "timeseries",
      title: "Dead letters (new per hour, and waiting in the stream)",
      unit: "short",
      targets: [
        target(
          `sum by (consumer) (increase(events_dead_letters_total${selector(filter)}[1h]))`,
          "new {{consumer}}",
        ),
        target(`max by (consumer) (events_dead_letter_messages${selector(filter)})`, "waiting {{consumer}}"),
      ],
    },
    {
      type: "timeseries",
      title: "Outbox: oldest unpublished row and backlog",
      unit: "s",
      targets: [
        target(`max by (service) (events_outbox_oldest_age_seconds${selector(filter)})`, "age {{service}}"),
        target(`max by (service) (events_outbox_backlog${selector(filter)})`, "rows {{service}}"),
      ],
    },
  ];
}

/** Database pool use, CPU, memory and event-loop delay per service. */
export function processPanels(filter: string): Panel[] {
  return [
    {
      type: "timeseries",
      title: "Database pool in use (of its maximum)",
      unit: "percentunit",
      threshold: 0.9,
      targets: [
        target(
          `sum by (service) (db_pool_clients${selector(filter)} - db_pool_idle_clients${selector(filter)}) / sum by (service) (db_pool_max_clients${selector(filter)})`,
          "{{service}}",
        ),
        target(`sum by (service) (db_pool_waiting_requests${selector(filter)})`, "waiting {{service}}"),
      ],
    },
    {
      type: "timeseries",
      title: "CPU (cores)",
      unit: "short",
      targets: [
        target(
          `sum by (service) (rate(process_cpu_seconds_total${selector(filter)}[${RATE}]))`,
          "{{service}}",
        ),
      ],
    },
    {
      type: "timeseries",
      title: "Memory (resident, heap used)",
      unit: "bytes",
      targets: [
        target(`sum by (service) (process_resident_memory_bytes${selector(filter)})`, "rss {{service}}"),
        target(`max by (service) (nodejs_heap_size_used_bytes${selector(filter)})`, "heap {{service}}"),
      ],
    },
    {
      type: "timeseries",
      title: "Event-loop delay p99",
      unit: "s",
      targets: [
        target(`max by (service) (nodejs_eventloop_lag_p99_seconds${selector(filter)})`, "{{service}}"),
      ],
    },
  ];
}
