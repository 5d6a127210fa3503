-- Payments a saga asks for (issue 19): who asked, whether to capture at once, and a release that came
-- before the provider's answer.
ALTER TABLE "payments" ADD COLUMN "requester" TEXT,
ADD COLUMN "capture_on_authorization" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "release_requested" BOOLEAN NOT NULL DEFAULT false;
