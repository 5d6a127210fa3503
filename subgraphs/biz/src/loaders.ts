/** Per-request DataLoaders for the fields resolved per parent; none yet. */
export type BizLoaders = Record<string, never>;

export const createBizLoaders = (): BizLoaders => ({});
