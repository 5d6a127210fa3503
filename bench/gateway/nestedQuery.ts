/**
 * The public benchmark's query (graphql-hive/graphql-gateways-benchmark, k6.js): 16 subgraph fetches per
 * plan, an ~88 KB response. `$offset` is ours, for the varied-variables run (default 0: the original).
 */
export const NESTED_QUERY = `fragment User on User {
  id
  username
  name
}

fragment Review on Review {
  id
  body
}

fragment Product on Product {
  inStock
  name
  price
  shippingEstimate
  upc
  weight
}

query TestQuery($offset: Int = 0) {
  users {
    ...User
    reviews {
      ...Review
      product {
        ...Product
        reviews {
          ...Review
          author {
            ...User
            reviews {
              ...Review
              product {
                ...Product
              }
            }
          }
        }
      }
    }
  }
  topProducts(offset: $offset) {
    ...Product
    reviews {
      ...Review
      author {
        ...User
        reviews {
          ...Review
          product {
            ...Product
          }
        }
      }
    }
  }
}`;
