import { type Cursor, decodeCursor, keysetAfter, pageSize } from "@health/platform/pagination";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** This subgraph's page size limits applied to a client's `first`. */
export const pageSizeOf = (first: number | null | undefined, field = "first"): number =>
  pageSize(first, { defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, field);

/** Rows after `cursor` in (createdAt desc, id desc) order: the house's newest-first pages. */
export const afterCursor = (cursor: Cursor | null) => keysetAfter(cursor, { at: "createdAt", id: "id" });

export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

export const cursorOfRow = (row: { createdAt: Date; id: string }): Cursor => ({
  at: row.createdAt,
  id: row.id,
});

/** The page request of a list operation: size checked, cursor decoded (BAD_USER_INPUT on `after`). */
export function pageRequest(args: { first?: number | null; after?: string | null }) {
  return { size: pageSizeOf(args.first), cursor: args.after ? decodeCursor(args.after, "after") : null };
}
