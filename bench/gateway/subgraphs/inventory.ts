import { parse } from "graphql";
import type { BenchSubgraph } from "./benchSubgraph.ts";

const IN_STOCK: ReadonlyMap<string, boolean> = new Map([
  ["1", true],
  ["2", false],
  ["3", false],
  ["4", false],
  ["5", true],
  ["6", true],
  ["7", true],
  ["8", false],
  ["9", true],
]);

interface ProductRepresentation {
  upc: string;
  price?: number | null;
  weight?: number | null;
}

/** Free above 1000, else half the weight; uses the price and weight the router fetched from products. */
function shippingEstimate({ price, weight }: ProductRepresentation): number | null {
  if (price == null) return null;
  if (price > 1000) return 0;
  return weight == null ? null : Math.floor(weight / 2);
}

export const inventory: BenchSubgraph = {
  name: "inventory",
  typeDefs: parse(`
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])

    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price: Int @external
      inStock: Boolean
      shippingEstimate: Int @requires(fields: "price weight")
    }
  `),
  resolvers: {
    Product: {
      __resolveReference: (product: ProductRepresentation) => ({
        ...product,
        inStock: IN_STOCK.get(product.upc) ?? null,
      }),
      shippingEstimate,
    },
  },
};
