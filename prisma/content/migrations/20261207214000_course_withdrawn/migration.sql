-- A course withdrawn from sale (its author's account was erased, issue 13): its buyers keep reading it,
-- nobody new can buy it, and it leaves the listings and search.
ALTER TABLE "courses" ADD COLUMN "withdrawn_at" TIMESTAMPTZ(3);
