-- A separate migration: Postgres cannot use an enum value in the transaction that added it.
INSERT INTO "permissions" ("role", "permission") VALUES
  ('developer', 'schema:introspect'),
  ('developer', 'operations:ad-hoc'),
  ('admin', 'api-keys:manage')
ON CONFLICT DO NOTHING;

ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_rate_limit_positive" CHECK ("rate_limit_per_minute" > 0);
