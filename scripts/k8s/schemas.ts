// Each rendered object checked against its kind's schema: Kubernetes' own OpenAPI schemas (kubernetes-models
// 5.1.0, generated from Kubernetes 1.34's) and CloudNativePG's CRDs (@kubernetes-models/cloudnative-pg 2.0.0).
import { Cluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1";
import { Deployment, StatefulSet } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, Secret, Service } from "kubernetes-models/v1";
import type { Manifest } from "./render.ts";

type Model = new (data: never) => { validate(): void };

/** Every kind the manifests may use, by `apiVersion/kind`; anything else is refused. */
const MODELS: Record<string, Model> = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "apps/v1/StatefulSet": StatefulSet,
  "batch/v1/Job": Job,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "postgresql.cnpg.io/v1/Cluster": Cluster,
};

/** What is wrong with `manifest` by its schema ("" when nothing is), or that its kind is not one we know. */
export function schemaProblem(manifest: Manifest): string {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const model = MODELS[key];
  if (!model) return `${key} ${manifest.metadata?.name}: no schema for this kind (scripts/k8s/schemas.ts)`;
  try {
    new model(manifest as never).validate();
    return "";
  } catch (error) {
    return `${key} ${manifest.metadata.name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
