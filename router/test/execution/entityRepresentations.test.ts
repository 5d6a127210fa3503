import { describe, expect, it } from "vitest";
import { collapseRepresentations } from "../../src/execution/entityRepresentations.ts";

const product = (upc: string) => ({ __typename: "Product", upc });

describe("collapseRepresentations", () => {
  it("sends each distinct representation once and maps the answers back in the original order", () => {
    const collapsed = collapseRepresentations({
      first: 3,
      representations: [product("1"), product("2"), product("1"), product("1")],
    });
    expect(collapsed?.variables).toEqual({ first: 3, representations: [product("1"), product("2")] });
    const expanded = collapsed?.expand({ data: { _entities: [{ name: "Table" }, { name: "Couch" }] } });
    expect(expanded?.data?._entities).toEqual([
      { name: "Table" },
      { name: "Couch" },
      { name: "Table" },
      { name: "Table" },
    ]);
  });

  it("points an error at the first occurrence of the representation it is about", () => {
    const collapsed = collapseRepresentations({
      representations: [product("1"), product("2"), product("2")],
    });
    const expanded = collapsed?.expand({
      data: { _entities: [{ name: "Table" }, null] },
      errors: [{ message: "gone", path: ["_entities", 1, "name"] }, { message: "other" }],
    });
    expect(expanded?.errors).toEqual([
      { message: "gone", path: ["_entities", 1, "name"] },
      { message: "other" },
    ]);
    const later = collapseRepresentations({ representations: [product("1"), product("1"), product("2")] });
    expect(
      later?.expand({
        data: { _entities: [null, null] },
        errors: [{ message: "gone", path: ["_entities", 1] }],
      }).errors,
    ).toEqual([{ message: "gone", path: ["_entities", 2] }]);
  });

  it("leaves distinct representations, other variables and malformed answers alone", () => {
    expect(collapseRepresentations({ representations: [product("1"), product("2")] })).toBeNull();
    expect(collapseRepresentations({ first: 5 })).toBeNull();
    const collapsed = collapseRepresentations({ representations: [product("1"), product("1")] });
    const malformed = { data: { _entities: [{ name: "Table" }, { name: "Couch" }] } };
    expect(collapsed?.expand(malformed)).toBe(malformed);
  });
});
