import { adminActionRecorded } from "../adminActionRecorded.ts";

/** An admin acted in content: see ../adminActionRecorded.ts. */
export const contentAdminActionRecordedV1 = adminActionRecorded("content");
