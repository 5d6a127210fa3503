import { pageSize } from "@health/platform/pagination";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** This subgraph's page size limits applied to a client's `first`. */
export const pageSizeOf = (first: number | null | undefined, field = "first"): number =>
  pageSize(first, { defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, field);
