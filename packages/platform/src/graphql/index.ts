export { Connection, toConnection } from "./connection.ts";
export { endingWith } from "./endingWith.ts";
export { HighlightedText, TextRange } from "./highlightedText.ts";
export { PageInfo } from "./pageInfo.ts";
export { replayThenLive } from "./replayThenLive.ts";
export { requiredText } from "./requiredText.ts";
export { isUuid, uuidArg } from "./uuid.ts";
