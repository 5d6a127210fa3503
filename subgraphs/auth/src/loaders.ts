import DataLoader from "dataloader";
import type { AuthDeps } from "./deps.ts";
import type { Account } from "./generated/prisma/client.ts";

export interface AuthLoaders {
  accountById: DataLoader<string, Account | null>;
}

export function createAuthLoaders({ db }: AuthDeps): AuthLoaders {
  return {
    accountById: new DataLoader(async (ids) => {
      const rows = await db.account.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
