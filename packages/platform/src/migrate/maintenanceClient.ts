import pg from "pg";
import { pgConfigFrom } from "./databaseUrl.ts";

/**
 * Runs `work` with a client on the `postgres` maintenance database of the server in `url`:
 * CREATE/DROP DATABASE cannot run while connected to the database they target.
 */
export async function withMaintenanceClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ ...pgConfigFrom(url), database: "postgres" });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
