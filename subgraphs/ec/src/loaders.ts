import type { Actor } from "@health/platform/auth";
import DataLoader from "dataloader";
import type { EcDeps } from "./deps.ts";
import { type ProductRow, productsByIds } from "./domain/products/products.ts";

/** Per-request loaders: products for `_entities`. */
export interface EcLoaders {
  product: DataLoader<string, ProductRow | null>;
}

export const createEcLoaders = (deps: EcDeps, _actor: Actor | null): EcLoaders => ({
  product: new DataLoader((ids: readonly string[]) => productsByIds(deps.db, ids)),
});
