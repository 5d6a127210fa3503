import { registerEnumType } from "type-graphql";
import { ModerationStatus } from "../generated/prisma/enums.ts";

registerEnumType(ModerationStatus, {
  name: "ModerationStatus",
  description:
    "PUBLISHED (everyone), PENDING_REVIEW (hidden by the word list or reports until an admin reviews it; its author and admins see it), REMOVED (taken down by an admin; its author sees it with the reason).",
});

export { ModerationStatus };
