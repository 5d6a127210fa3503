/** Per-request DataLoaders for the fields resolved per parent; none yet. */
export type OpsLoaders = Record<string, never>;

export const createOpsLoaders = (): OpsLoaders => ({});
