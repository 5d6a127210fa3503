import { databaseNameOf, quoteIdent } from "./databaseUrl.ts";
import { withMaintenanceClient } from "./maintenanceClient.ts";

/**
 * Drops the database named in `url` if it exists. `WITH (FORCE)` ends sessions still attached
 * (Postgres 13+), so a pool someone forgot to close cannot leave the database behind.
 */
export async function dropDatabase(url: string): Promise<void> {
  await withMaintenanceClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(databaseNameOf(url))} WITH (FORCE)`);
  });
}
