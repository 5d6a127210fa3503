// How many instances of each process every stage runs: the table of deploy/README.md ("Kubernetes"), which
// scripts/test/k8sManifests.test.ts holds the rendered overlays to. Stage 1 and 2 are the seed's
// (seed-architecture.md, "Deployment and Scaling Strategy"); stage 3 gives no numbers there (deploy/README.md says
// how these were chosen).

export const STAGES = ["stage1", "stage2", "stage3"] as const;
export type Stage = (typeof STAGES)[number];

/** [min, max] instances (the HPA's bounds; the Deployment starts at min). */
export type Bounds = readonly [number, number];

interface StagePlan {
  /** The processes the seed names, and the router. */
  named: Record<string, Bounds>;
  /** Every other subgraph. */
  otherSubgraphs: Bounds;
  /** CloudNativePG instances of each subgraph's database (one primary, the rest replicas). */
  postgresInstances: number;
}

export const STAGE_PLANS: Record<Stage, StagePlan> = {
  stage1: { named: { router: [2, 4] }, otherSubgraphs: [2, 2], postgresInstances: 2 },
  stage2: {
    named: { router: [6, 20], dynamic: [10, 20], trade: [5, 10], auth: [4, 8] },
    otherSubgraphs: [2, 6],
    postgresInstances: 3,
  },
  stage3: {
    named: { router: [12, 40], dynamic: [20, 40], trade: [10, 20], auth: [8, 16] },
    otherSubgraphs: [4, 12],
    postgresInstances: 3,
  },
};

export const boundsOf = (stage: Stage, process: string): Bounds =>
  STAGE_PLANS[stage].named[process] ?? STAGE_PLANS[stage].otherSubgraphs;
