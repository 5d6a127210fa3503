import { accountErasureAcknowledged } from "../privacyAnswers.ts";

/** ai erased what it held about an erased person: see ../privacyAnswers.ts. */
export const aiAccountErasureAcknowledgedV1 = accountErasureAcknowledged("ai");
