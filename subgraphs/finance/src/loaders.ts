/** Per-request DataLoaders for the fields resolved per parent; none yet. */
export type FinanceLoaders = Record<string, never>;

export const createFinanceLoaders = (): FinanceLoaders => ({});
