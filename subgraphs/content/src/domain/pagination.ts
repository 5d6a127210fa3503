/** Page sizes of content's lists: 20 when `first` is omitted, at most 100 (the `@listSize` assumed size). */
export const CONTENT_PAGE_LIMITS = { defaultSize: 20, maxSize: 100 };
