export type { ConformanceTarget } from "./conformance.ts";
export { describeSubgraphConformance } from "./conformance.ts";
export type { StartedTestSubgraph } from "./startTestSubgraph.ts";
export { startTestSubgraph } from "./startTestSubgraph.ts";
export type { TestDatabase } from "./testDatabase.ts";
export { createTestDatabase, prepareTemplateDatabase, templateDatabaseName } from "./testDatabase.ts";
export type { TestIssuer } from "./testIssuer.ts";
export { startTestIssuer } from "./testIssuer.ts";
