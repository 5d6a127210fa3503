export { PageInfo } from "./pageInfo.ts";
