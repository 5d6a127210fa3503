import { PrismaPg } from "@prisma/adapter-pg";

/** The shape every generated Prisma 7 client constructor shares. */
export interface PrismaClientClass<T> {
  new (options: { adapter: PrismaPg }): T;
}

export interface PrismaClientOptions {
  /** Pool size per process (default 10). */
  maxConnections?: number;
}

/** Builds a subgraph's generated Prisma client over the pg driver adapter (Prisma 7 has no built-in driver). */
export function createPrismaClient<T>(
  Client: PrismaClientClass<T>,
  url: string,
  options: PrismaClientOptions = {},
): T {
  const adapter = new PrismaPg({ connectionString: url, max: options.maxConnections ?? 10 });
  return new Client({ adapter });
}
