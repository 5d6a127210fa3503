import type { NewSubgraph } from "./request.ts";

/**
 * `prisma/<name>/schema.prisma`: the generator and datasource every subgraph has, and the outbox and
 * inbox tables the event mechanism reads and writes with raw SQL (packages/platform/src/events/README.md).
 */
export const prismaSchema = (
  sub: NewSubgraph,
) => `// The ${sub.name} subgraph's own database. Users are owned by auth: a user id here is a uuid with no
// foreign key (one database per subgraph).

generator client {
  provider            = "prisma-client"
  output              = "../../subgraphs/${sub.name}/src/generated/prisma"
  moduleFormat        = "esm"
  importFileExtension = "ts"
  compilerBuild       = "small"
}

datasource db {
  provider = "postgresql"
}

/// Events this subgraph publishes: written in the business transaction, sent by the relay (ARCHITECTURE rule 3).
model OutboxEvent {
  id          String    @id @db.Uuid
  subject     String
  aggregateId String    @map("aggregate_id")
  envelope    Json
  createdAt   DateTime  @default(now()) @map("created_at") @db.Timestamptz(3)
  sentAt      DateTime? @map("sent_at") @db.Timestamptz(3)
  attempts    Int       @default(0)
  lastError   String?   @map("last_error")

  @@index([sentAt, createdAt])
  @@map("outbox_events")
}

/// Events consumed, recorded in the handler's transaction (ARCHITECTURE rule 3).
model InboxEvent {
  eventId     String   @map("event_id") @db.Uuid
  consumer    String
  subject     String
  processedAt DateTime @default(now()) @map("processed_at") @db.Timestamptz(3)

  @@id([eventId, consumer])
  @@map("inbox_events")
}

/// Erased people, by the SHA-256 of their id (issue 13): a late event about one makes nothing.
model ErasedUser {
  idSha256 String   @id @map("id_sha256")
  erasedAt DateTime @default(now()) @map("erased_at") @db.Timestamptz(3)

  @@map("erased_users")
}
`;

/** `prisma/<name>/prisma.config.ts`: its database from `DATABASE_URL_<NAME>`, else the local default. */
export const prismaConfig = (sub: NewSubgraph) => `import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "./schema.prisma",
  migrations: { path: "./migrations" },
  datasource: {
    url: process.env.DATABASE_URL_${sub.upper} ?? "postgresql://postgres@127.0.0.1:5432/health_${sub.name}",
  },
});
`;
