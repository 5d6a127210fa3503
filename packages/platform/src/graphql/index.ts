export { Connection, toConnection } from "./connection.ts";
export { PageInfo } from "./pageInfo.ts";
export { replayThenLive } from "./replayThenLive.ts";
export { isUuid, uuidArg } from "./uuid.ts";
