import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_PRODUCT, type EcHarness, productInput, startEcSubgraph } from "./harness.ts";

let h: EcHarness;
let devices: string;
let food: string;
beforeAll(async () => {
  h = await startEcSubgraph();
  devices = await h.category("Devices");
  food = await h.category("Healthy food");
});
afterAll(() => h?.close());

const LIST = `query List($first: Int, $after: String, $categoryId: ID) {
  products(first: $first, after: $after, categoryId: $categoryId) {
    nodes { id name highlight { name { text } } } pageInfo { endCursor hasNextPage }
  }
}`;
type List = {
  products: {
    nodes: { id: string; name: string }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
};

const errorOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions;

describe("products", () => {
  it("creates a product with SKUs priced in integer minor units, and looks it up", async () => {
    const created = await h.asAdmin<{ createProduct: Record<string, unknown> }>(CREATE_PRODUCT, {
      input: productInput(devices, {
        name: "  Wrist monitor  ",
        skus: [
          { code: "WM-S", priceAmount: 29_900, attributes: { size: "S" }, stock: 3 },
          { code: "WM-L", priceAmount: 31_900, currency: "usd", attributes: { size: "L", cuff: 22 } },
        ],
      }),
    });
    expect(created.createProduct).toMatchObject({
      name: "Wrist monitor",
      status: "ACTIVE",
      category: { id: devices, name: "Devices" },
      skus: [
        { code: "WM-L", priceAmount: 31_900, currency: "USD", attributes: { size: "L", cuff: 22 }, stock: 0 },
        { code: "WM-S", priceAmount: 29_900, currency: "CNY", attributes: { size: "S" }, stock: 3 },
      ],
    });
    const id = String(created.createProduct.id);
    const found = await h.request<{ product: { name: string; skus: unknown[] } }>(
      `query One($id: ID!) { product(id: $id) { name skus { code } } }`,
      { id },
    );
    expect(found.data?.product).toEqual({
      name: "Wrist monitor",
      skus: [{ code: "WM-L" }, { code: "WM-S" }],
    });
    const categories = await h.request<{ productCategories: { name: string }[] }>(
      "{ productCategories { name } }",
    );
    expect(categories.data?.productCategories.map((c) => c.name)).toEqual(["Devices", "Healthy food"]);
  });

  it("lists products on sale newest first, by category, page by page", async () => {
    const oats = await h.product(food, { name: "Oats" });
    const tea = await h.product(food, { name: "Tea" });
    await h.product(food, { name: "Hidden draft", status: "DRAFT" });
    const first = await h.request<List>(LIST, { first: 1, categoryId: food });
    expect(first.data?.products.nodes).toEqual([{ id: tea, name: "Tea", highlight: null }]);
    expect(first.data?.products.pageInfo.hasNextPage).toBe(true);
    const rest = await h.request<List>(LIST, {
      first: 5,
      categoryId: food,
      after: first.data?.products.pageInfo.endCursor,
    });
    expect(rest.data?.products.nodes.map((n) => n.id)).toEqual([oats]);
    expect(rest.data?.products.pageInfo.hasNextPage).toBe(false);
  });

  it("shows a draft to admins only", async () => {
    const draft = await h.product(devices, { name: "Prototype", status: "DRAFT" });
    const query = `query One($id: ID!) { product(id: $id) { status } }`;
    const user = await h.person();
    expect(errorOf(await h.request(query, { id: draft }, user.token))?.code).toBe("NOT_FOUND");
    expect((await h.asAdmin<{ product: unknown }>(query, { id: draft })).product).toEqual({
      status: "DRAFT",
    });
  });

  it("updates a product and moves it between categories (admins)", async () => {
    const id = await h.product(devices, { name: "Scale" });
    const updated = await h.asAdmin<{ updateProduct: unknown }>(
      `mutation Update($id: ID!, $input: UpdateProductInput!) {
        updateProduct(id: $id, input: $input) { name description category { id } status }
      }`,
      { id, input: { name: "Smart scale", categoryId: food, status: "ARCHIVED" } },
    );
    expect(updated.updateProduct).toEqual({
      name: "Smart scale",
      description: "An upper-arm monitor.",
      category: { id: food },
      status: "ARCHIVED",
    });
  });
});

describe("Product as an entity", () => {
  it("resolves references for the router, drafts only for admins", async () => {
    const onSale = await h.product(devices, { name: "Thermometer" });
    const draft = await h.product(devices, { name: "Secret", status: "DRAFT" });
    const result = await h.request<{ _entities: unknown[] }>(
      `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { name } } }`,
      {
        reps: [
          { __typename: "Product", id: onSale },
          { __typename: "Product", id: draft },
          { __typename: "Product", id: "x" },
        ],
      },
    );
    expect(result.data?._entities).toEqual([{ name: "Thermometer" }, null, null]);
  });
});

describe("bad input and access", () => {
  it.each([
    ["a negative price", { skus: [{ code: "NEG", priceAmount: -1 }] }, "input.skus[0].priceAmount"],
    ["an empty name", { name: "   " }, "input.name"],
    [
      "a bad currency",
      { skus: [{ code: "CUR", priceAmount: 1, currency: "yuan" }] },
      "input.skus[0].currency",
    ],
    ["a negative stock", { skus: [{ code: "STK", priceAmount: 1, stock: -2 }] }, "input.skus[0].stock"],
    ["no SKU", { skus: [] }, "input.skus"],
    [
      "a repeated SKU code",
      {
        skus: [
          { code: "D", priceAmount: 1 },
          { code: "D", priceAmount: 2 },
        ],
      },
      "input.skus[1].code",
    ],
    ["an unknown category", { categoryId: "00000000-0000-4000-8000-000000000000" }, "input.categoryId"],
    ["a category id that is no id", { categoryId: "shelf-1" }, "input.categoryId"],
  ])("refuses %s as BAD_USER_INPUT naming the field, writing nothing", async (_, overrides, field) => {
    const admin = await h.person(["user", "admin"]);
    const before = await h.db.product.count();
    const result = await h.request(CREATE_PRODUCT, { input: productInput(devices, overrides) }, admin.token);
    expect(errorOf(result)).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await h.db.product.count()).toBe(before);
  });

  it("refuses a SKU code already used as CONFLICT", async () => {
    await h.product(devices, { skus: [{ code: "TAKEN", priceAmount: 100 }] });
    const admin = await h.person(["user", "admin"]);
    const result = await h.request(
      CREATE_PRODUCT,
      { input: productInput(devices, { skus: [{ code: "TAKEN", priceAmount: 100 }] }) },
      admin.token,
    );
    expect(errorOf(result)?.code).toBe("CONFLICT");
  });

  it("refuses the admin mutations to a user and to an anonymous caller", async () => {
    const user = await h.person();
    const create = await h.request(CREATE_PRODUCT, { input: productInput(devices) }, user.token);
    expect(errorOf(create)?.code).toBe("FORBIDDEN");
    const category = await h.request(
      `mutation { createProductCategory(input: { name: "Mine" }) { id } }`,
      {},
      user.token,
    );
    expect(errorOf(category)?.code).toBe("FORBIDDEN");
    const id = await h.product(devices);
    const update = await h.request(
      `mutation U($id: ID!) { updateProduct(id: $id, input: { name: "Mine" }) { id } }`,
      { id },
    );
    expect(errorOf(update)?.code).toBe("UNAUTHENTICATED");
  });

  it("keeps stock from going below zero in the database itself", async () => {
    const id = await h.product(devices, { skus: [{ code: "FLOOR", priceAmount: 1, stock: 1 }] });
    await expect(
      h.db.sku.updateMany({ where: { productId: id }, data: { stock: { decrement: 2 } } }),
    ).rejects.toThrow(/stock/);
    expect((await h.db.sku.findUnique({ where: { code: "FLOOR" } }))?.stock).toBe(1);
  });
});
