/** Per-request DataLoaders for the fields resolved per parent; none yet. */
export type AiLoaders = Record<string, never>;

export const createAiLoaders = (): AiLoaders => ({});
