/** Per-request DataLoaders for the fields resolved per parent; none yet. */
export type ContentLoaders = Record<string, never>;

export const createContentLoaders = (): ContentLoaders => ({});
