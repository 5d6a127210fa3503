import { AppError } from "@health/platform/errors";
import { pageSize } from "@health/platform/pagination";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** This subgraph's page size limits applied to a client's `first`. */
export const pageSizeOf = (first: number | null | undefined, field = "first"): number =>
  pageSize(first, { defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, field);

/** `pageSizeOf`'s refusal as a value, for batches that answer each key on its own. */
export function pageSizeError(first: number | null | undefined, field = "first"): AppError | null {
  try {
    pageSizeOf(first, field);
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}
