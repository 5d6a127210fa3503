import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { EcDeps } from "./deps.ts";
import { createEcLoaders, type EcLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { AdResolver } from "./resolvers/ad.resolver.ts";
import { AdCampaignResolver } from "./resolvers/adCampaign.resolver.ts";
import { resolveProductReference } from "./resolvers/product.reference.ts";
import { ProductResolver } from "./resolvers/product.resolver.ts";
import { ProductCategoryResolver } from "./resolvers/productCategory.resolver.ts";
import { ShopOrderResolver } from "./resolvers/shopOrder.resolver.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** M09 (the health mall): product categories, products with SKUs, product search, and shop orders; M10: ads. */
export const ecSubgraph = defineSubgraph<EcDeps, EcLoaders>({
  name: "ec",
  resolvers: [
    ProductResolver,
    ProductCategoryResolver,
    ShopOrderResolver,
    UserResolver,
    AdResolver,
    AdCampaignResolver,
  ],
  orphanedTypes: [User],
  references: { Product: resolveProductReference },
  createLoaders: createEcLoaders,
  readiness: infrastructureChecks,
});
