import { accountErasureAcknowledged } from "../privacyAnswers.ts";

/** biz erased what it held about an erased person: see ../privacyAnswers.ts. */
export const bizAccountErasureAcknowledgedV1 = accountErasureAcknowledged("biz");
