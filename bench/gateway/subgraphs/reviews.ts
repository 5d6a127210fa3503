import { parse } from "graphql";
import type { BenchSubgraph } from "./benchSubgraph.ts";
import { AT_VERO, LOREM, SED_QUIA, SED_UT, UT_ENIM } from "./reviewBodies.ts";

interface Review {
  id: string;
  body: string;
  product: { upc: string };
}

const review = (id: string, body: string, upc: string): Review => ({ id, body, product: { upc } });

const REVIEWS: readonly Review[] = [
  review("1", LOREM, "1"),
  review("2", SED_UT, "1"),
  review("3", SED_QUIA, "1"),
  review("4", UT_ENIM, "1"),
  review("5", LOREM, "2"),
  review("6", SED_UT, "2"),
  review("7", SED_QUIA, "2"),
  review("8", UT_ENIM, "2"),
  review("9", UT_ENIM, "3"),
  review("10", UT_ENIM, "4"),
  review("11", AT_VERO, "4"),
];

// As in the public benchmark: every author is user 1, and every user wrote the first two reviews.
const AUTHOR = { id: "1", username: "urigo" };
const REVIEWS_OF_ANY_USER = REVIEWS.slice(0, 2);

export const reviews: BenchSubgraph = {
  name: "reviews",
  typeDefs: parse(`
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@provides"])

    type Review @key(fields: "id") {
      id: ID!
      body: String
      product: Product
      author: User @provides(fields: "username")
    }

    type User @key(fields: "id") {
      id: ID!
      username: String @external
      reviews: [Review]
    }

    type Product @key(fields: "upc") {
      upc: String!
      reviews: [Review]
    }
  `),
  resolvers: {
    Review: {
      __resolveReference: ({ id }: { id: string }) => REVIEWS.find((r) => r.id === id),
      author: () => AUTHOR,
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      reviews: () => REVIEWS_OF_ANY_USER,
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
      reviews: ({ upc }: { upc: string }) => REVIEWS.filter((r) => r.product.upc === upc),
    },
  },
};
