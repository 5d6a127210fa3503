import { loadConfig } from "@health/platform/config";
import { startSubgraphHarness } from "@health/platform/testing";
import { ecConfigSchema } from "../src/config.ts";
import { connectEc } from "../src/connect.ts";
import { ecSubgraph } from "../src/subgraph.ts";

/**
 * The ec subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startEcSubgraph() {
  const harness = await startSubgraphHarness({
    definition: ecSubgraph,
    loadConfig: (env) => loadConfig(ecConfigSchema, env),
    connect: connectEc,
  });

  let admin: { token: string } | undefined;
  /** Runs `query` as an admin (one per harness), failing the test on any error. */
  const asAdmin = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    admin ??= await harness.person(["user", "admin"]);
    const result = await harness.request<T>(query, variables, admin.token);
    if (!result.data || result.errors) throw new Error(`as admin: ${JSON.stringify(result.errors)}`);
    return result.data;
  };

  /** A new category's id. */
  const category = async (name: string) =>
    (await asAdmin<{ createProductCategory: { id: string } }>(CREATE_CATEGORY, { input: { name } }))
      .createProductCategory.id;

  /** A new product (`productInput(categoryId, overrides)`), its id. */
  const product = async (categoryId: string, overrides: Record<string, unknown> = {}) =>
    (
      await asAdmin<{ createProduct: { id: string } }>(CREATE_PRODUCT, {
        input: productInput(categoryId, overrides),
      })
    ).createProduct.id;

  return { ...harness, db: harness.deps.db, asAdmin, category, product };
}

export type EcHarness = Awaited<ReturnType<typeof startEcSubgraph>>;

export const CREATE_CATEGORY = `mutation Category($input: CreateProductCategoryInput!) {
  createProductCategory(input: $input) { id name }
}`;
export const CREATE_PRODUCT = `mutation Product($input: CreateProductInput!) {
  createProduct(input: $input) {
    id name description status category { id name }
    skus { code priceAmount currency attributes stock }
  }
}`;

let skuNumber = 0;
export const productInput = (categoryId: string, overrides: Record<string, unknown> = {}) => ({
  name: "Blood pressure monitor",
  description: "An upper-arm monitor.",
  categoryId,
  skus: [{ code: `SKU-${++skuNumber}-${Date.now()}`, priceAmount: 19_900, stock: 5 }],
  ...overrides,
});
