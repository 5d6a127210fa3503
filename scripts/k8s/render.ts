// Renders a kustomization of deploy/k8s with the real tool, offline: Debian's kubectl 1.20 (kustomize v2.0.3),
// unpacked by scripts/installKubectl.sh, or the kubectl that KUBECTL names.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseAllDocuments } from "yaml";

const ROOT = join(import.meta.dirname, "..", "..");

/** The kubectl that renders: `KUBECTL`, else the one scripts/installKubectl.sh unpacks, or null if neither is there. */
export function findKubectl(): string | null {
  const path = process.env.KUBECTL ?? join(ROOT, ".tools/kubernetes-client/usr/bin/kubectl");
  return existsSync(path) ? path : null;
}

/** One rendered object: what every Kubernetes object has, and the rest as parsed. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: the shape depends on the kind; the schemas check it
  spec?: any;
}

/** `kubectl kustomize <dir>` (absolute, or under the repository), each YAML document parsed; a YAML error throws. */
export function renderKustomization(kubectl: string, dir: string): Manifest[] {
  const text = execFileSync(kubectl, ["kustomize", resolve(ROOT, dir)], {
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw document.errors[0];
    const value = document.toJS() as Manifest | null;
    return value ? [value] : [];
  });
}
