import { accountErasureAcknowledged } from "../privacyAnswers.ts";

/** content erased what it held about an erased person: see ../privacyAnswers.ts. */
export const contentAccountErasureAcknowledgedV1 = accountErasureAcknowledged("content");
