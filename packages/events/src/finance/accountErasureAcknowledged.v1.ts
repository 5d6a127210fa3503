import { accountErasureAcknowledged } from "../privacyAnswers.ts";

/** finance erased what it held about an erased person: see ../privacyAnswers.ts. */
export const financeAccountErasureAcknowledgedV1 = accountErasureAcknowledged("finance");
