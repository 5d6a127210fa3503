import { accountErasureAcknowledged } from "../privacyAnswers.ts";

/** ops erased what it held about an erased person: see ../privacyAnswers.ts. */
export const opsAccountErasureAcknowledgedV1 = accountErasureAcknowledged("ops");
