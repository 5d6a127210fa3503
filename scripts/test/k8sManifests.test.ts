import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SUBGRAPH_PORTS } from "../../packages/platform/src/config/subgraphPorts.ts";
import { SHUTDOWN_DEADLINE_MS } from "../../packages/platform/src/server/shutdownOnSignal.ts";
import { findKubectl, type Manifest, renderKustomization } from "../k8s/render.ts";
import { schemaProblem } from "../k8s/schemas.ts";
import { boundsOf, STAGE_PLANS, STAGES } from "../k8s/stagePlan.ts";

const root = join(import.meta.dirname, "..", "..");
const kubectl = findKubectl();
const subgraphs = Object.keys(SUBGRAPH_PORTS).filter((name) => existsSync(join(root, "subgraphs", name)));
const SHUTDOWN_SECONDS = SHUTDOWN_DEADLINE_MS / 1000;

const named = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

// CI installs the tool (.ci/run runs scripts/installKubectl.sh), so there the rendering always runs; a
// missing kubectl fails it rather than letting it pass unrendered.
describe.runIf(kubectl || process.env.CI).each(STAGES)("deploy/k8s/overlays/%s, rendered", (stage) => {
  const render = () => {
    if (!kubectl) throw new Error("no kubectl: run scripts/installKubectl.sh (or set KUBECTL)");
    return renderKustomization(kubectl, `deploy/k8s/overlays/${stage}`);
  };
  const manifests = kubectl ? render() : [];
  const deployments = manifests.filter((manifest) => manifest.kind === "Deployment");
  const podLabels = (deployment: Manifest): Record<string, string> =>
    deployment.spec.template.metadata.labels;

  it("renders, and every object is valid by the schema of its kind (Kubernetes, CloudNativePG)", () => {
    const rendered = render();
    expect(rendered.length).toBeGreaterThan(50);
    expect(rendered.map(schemaProblem).filter(Boolean)).toEqual([]);
    expect(new Set(rendered.map((manifest) => manifest.metadata.namespace ?? "health"))).toEqual(
      new Set(["health"]),
    );
  }, 60_000);

  it.each([...subgraphs, "router"])(
    "%s: Deployment, Service, HPA and PDB, with this stage's instances",
    (name) => {
      const deployment = named(manifests, "Deployment", name);
      const hpa = named(manifests, "HorizontalPodAutoscaler", name);
      expect(deployment, `Deployment ${name}`).toBeDefined();
      expect(named(manifests, "Service", name), `Service ${name}`).toBeDefined();
      const [min, max] = boundsOf(stage, name);
      expect(hpa?.spec).toMatchObject({
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
        minReplicas: min,
        maxReplicas: max,
      });
      // The HPA owns the count: a Deployment that named one would reset it on every apply.
      expect(deployment?.spec).not.toHaveProperty("replicas");
      const budgets = manifests.filter(
        (manifest) =>
          manifest.kind === "PodDisruptionBudget" &&
          deployment &&
          matches(manifest.spec.selector.matchLabels, podLabels(deployment)),
      );
      expect(budgets.map((budget) => budget.spec)).toEqual([expect.objectContaining({ maxUnavailable: 1 })]);
    },
  );

  it.each([...subgraphs, "router"])(
    "%s: probes, requests and a termination longer than its drain",
    (name) => {
      const pod = named(manifests, "Deployment", name)?.spec.template.spec;
      const [container] = pod.containers;
      expect(container.startupProbe.httpGet.path).toBe("/health");
      expect(container.livenessProbe.httpGet.path).toBe("/health");
      expect(container.readinessProbe.httpGet.path).toBe("/ready");
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      if (stage === "stage3") {
        expect(pod.topologySpreadConstraints).toEqual([
          expect.objectContaining({ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1 }),
        ]);
      }
      const [command, seconds] = container.lifecycle.preStop.exec.command;
      expect(command).toBe("sleep");
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(seconds) + SHUTDOWN_SECONDS);
    },
  );

  it.each(subgraphs)("%s: its own CloudNativePG Cluster with this stage's instances", (name) => {
    expect(named(manifests, "Cluster", `pg-${name}`)?.spec).toMatchObject({
      instances: STAGE_PLANS[stage].postgresInstances,
      bootstrap: { initdb: { database: `health_${name}`, owner: `health_${name}` } },
    });
  });

  it("runs one image for every process, the overlay's", () => {
    const images = manifests
      .filter((manifest) => ["Deployment", "Job"].includes(manifest.kind))
      .flatMap((manifest) => manifest.spec.template.spec.containers.map((c: { image: string }) => c.image));
    expect(images.length).toBe(deployments.length + 1);
    expect(new Set(images).size).toBe(1);
    expect(images[0]).not.toMatch(/^health-platform:/);
  });

  it("denies ingress by default and lets only the router (and Prometheus) reach the subgraphs", () => {
    const policies = manifests.filter((manifest) => manifest.kind === "NetworkPolicy");
    expect(policies.find((policy) => policy.metadata.name === "default-deny-ingress")?.spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress"],
    });
    const subgraphPods = deployments
      .filter((deployment) => subgraphs.includes(deployment.metadata.name))
      .map(podLabels);
    const sources = policies
      .filter((policy) => policy.spec.podSelector.matchLabels)
      .filter((policy) => subgraphPods.some((labels) => matches(policy.spec.podSelector.matchLabels, labels)))
      .flatMap((policy) => policy.spec.ingress.flatMap((rule: { from: unknown[] }) => rule.from));
    // auth also serves its signing keys to every subgraph (AUTH_JWKS_URL); nobody else reaches a subgraph.
    expect(new Set(sources.map((source) => JSON.stringify(source)))).toEqual(
      new Set(
        [
          { podSelector: { matchLabels: { "app.kubernetes.io/name": "router" } } },
          { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } },
          { podSelector: { matchLabels: { "app.kubernetes.io/component": "subgraph" } } },
        ].map((source) => JSON.stringify(source)),
      ),
    );
  });

  it("runs NATS as a three-node JetStream cluster and Redis as a primary with a replica", () => {
    const nats = named(manifests, "StatefulSet", "nats")?.spec;
    expect(nats.replicas).toBe(3);
    const args: string[] = nats.template.spec.containers[0].command;
    expect(args).toEqual(expect.arrayContaining(["-js", "--cluster_name", "--server_name", "$(POD_NAME)"]));
    const routes = args[args.indexOf("--routes") + 1]?.split(",");
    expect(routes).toEqual([0, 1, 2].map((n) => `nats://nats-${n}.nats-cluster:6222`));
    expect(named(manifests, "PodDisruptionBudget", "nats")?.spec.maxUnavailable).toBe(1);
    expect(named(manifests, "StatefulSet", "redis")?.spec.replicas).toBe(1);
    const replica = named(manifests, "StatefulSet", "redis-replica")?.spec.template.spec.containers[0];
    expect(replica.command.join(" ")).toContain("--replicaof redis 6379");
  });
});
