export type { Cursor, Page, PageSizeLimits } from "./cursor.ts";
export { decodeCursor, encodeCursor, pageSize, toPage } from "./cursor.ts";
export { ListSizedByFirst, type ListSizeOptions } from "./listSize.ts";
