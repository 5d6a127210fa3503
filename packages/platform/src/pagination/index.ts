export type { Cursor, Page, PageSizeLimits } from "./cursor.ts";
export { decodeCursor, encodeCursor, pageSize, toPage } from "./cursor.ts";
export type { KeysetOrder, KeysetWhere } from "./keyset.ts";
export { keysetAfter } from "./keyset.ts";
export { ListSizedByFirst, type ListSizeOptions } from "./listSize.ts";
export type { NewestFirstQuery } from "./newestFirst.ts";
export { afterCursor, cursorOfRow, NEWEST_FIRST, newestFirstPage, pageRequest } from "./newestFirst.ts";
