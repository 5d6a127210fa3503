/** Per-request DataLoaders for the fields resolved per parent; none yet. */
export type EcLoaders = Record<string, never>;

export const createEcLoaders = (): EcLoaders => ({});
