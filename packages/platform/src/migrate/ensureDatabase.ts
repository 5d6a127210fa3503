import { databaseNameOf, quoteIdent } from "./databaseUrl.ts";
import { withMaintenanceClient } from "./maintenanceClient.ts";

const DUPLICATE_DATABASE = "42P04";

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<{ created: boolean }> {
  const name = databaseNameOf(url);
  return withMaintenanceClient(url, async (client) => {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (existing.rowCount) return { created: false };
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return { created: true };
    } catch (error) {
      // Two processes (test setup and a start script) may race to create it; the loser is fine.
      if ((error as { code?: string }).code === DUPLICATE_DATABASE) return { created: false };
      throw error;
    }
  });
}
