import { stateMachine } from "@health/platform/stateMachine";
import { LiveStreamStatus } from "../../generated/prisma/enums.ts";

/** A live stream's life: SCHEDULED → LIVE (its host starts it) → ENDED (its host ends it). ENDED is final. */
const liveStreamStateMachine = stateMachine<LiveStreamStatus>("Live stream", {
  [LiveStreamStatus.SCHEDULED]: [LiveStreamStatus.LIVE],
  [LiveStreamStatus.LIVE]: [LiveStreamStatus.ENDED],
  [LiveStreamStatus.ENDED]: [],
});

export const { transitions: LIVE_STREAM_TRANSITIONS, canTransition, transition } = liveStreamStateMachine;
