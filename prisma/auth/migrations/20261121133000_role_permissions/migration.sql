-- Seed the permissions each role carries (data migration, written by hand).
-- Permission names are <domain>:<action>; subgraphs decide per request, these are what clients may show.
INSERT INTO "permissions" ("role", "permission") VALUES
  ('user', 'health:read:own'),
  ('user', 'health:write:own'),
  ('user', 'consent:grant'),
  ('user', 'orders:create'),
  ('user', 'content:purchase'),
  ('user', 'community:post'),
  ('coach', 'health:read:consented'),
  ('coach', 'orders:grab'),
  ('coach', 'services:offer'),
  ('coach', 'live:host'),
  ('business', 'workbench:read'),
  ('business', 'products:manage'),
  ('business', 'ads:manage'),
  ('business', 'communities:manage'),
  ('admin', 'health:read:any'),
  ('admin', 'accounts:manage'),
  ('admin', 'roles:grant'),
  ('admin', 'keys:rotate'),
  ('admin', 'audit:read'),
  ('partner', 'partner:operations')
ON CONFLICT DO NOTHING;
