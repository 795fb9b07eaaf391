ALTER TABLE "qualifications" ADD COLUMN "level" text DEFAULT 'independent' NOT NULL;--> statement-breakpoint
ALTER TABLE "qualifications" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "qualifications" ADD COLUMN "renewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qualifications" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qualifications" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
ALTER TABLE "qualifications" ADD COLUMN "revoke_reason" text;--> statement-breakpoint
-- Grants used to stack; keep the one that lasts longest per user and instrument, revoke the rest.
UPDATE "qualifications" q SET "revoked_at" = now(), "revoke_reason" = 'superseded by a later grant (migration)'
WHERE EXISTS (
  SELECT 1 FROM "qualifications" o
  WHERE o."instrument_id" = q."instrument_id" AND o."user_id" = q."user_id" AND o."id" <> q."id"
    AND (o."valid_until", o."id") > (q."valid_until", q."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "qualifications_live_key" ON "qualifications" USING btree ("instrument_id","user_id") WHERE revoked_at is null;