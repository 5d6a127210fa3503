import { adminActionRecorded } from "../adminActionRecorded.ts";

/** An admin acted in finance: see ../adminActionRecorded.ts. */
export const financeAdminActionRecordedV1 = adminActionRecorded("finance");
