ALTER TABLE "qualifications" ADD COLUMN "level" text DEFAULT 'independent' NOT NULL;--> statement-breakpoint
ALTER TABLE "qualifications" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "qualifications" ADD COLUMN "renewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qualifications" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "qualifications" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
ALTER TABLE "qualifications" ADD COLUMN "revoke_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "qualifications_live_key" ON "qualifications" USING btree ("instrument_id","user_id") WHERE revoked_at is null;