CREATE TABLE "instrument_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instrument_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instrument_photos" ADD CONSTRAINT "instrument_photos_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "instrument_photos_instrument_idx" ON "instrument_photos" USING btree ("instrument_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "instrument_photos_same_key" ON "instrument_photos" USING btree ("instrument_id","sha256");--> statement-breakpoint
ALTER TABLE "instruments" DROP COLUMN "photos";