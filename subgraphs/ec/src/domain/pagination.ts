import { pageRequest as checkedPageRequest } from "@health/platform/pagination";

/** Page sizes of ec's lists: 20 when `first` is omitted, at most 100 (the `@listSize` assumed size). */
export const PAGE_LIMITS = { defaultSize: 20, maxSize: 100 };

/** The page request of a list operation: size checked, cursor decoded (BAD_USER_INPUT on `first`/`after`). */
export const pageRequest = (args: { first?: number | null; after?: string | null }) =>
  checkedPageRequest(args, PAGE_LIMITS);
