/** The one GraphQL endpoint: HTTP queries and mutations, the explorer, and graphql-ws subscriptions. */
export const GRAPHQL_PATH = "/graphql";
