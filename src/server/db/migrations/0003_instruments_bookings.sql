CREATE TABLE "booking_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "booking_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"booking_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instrument_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"slot" "tstzrange" NOT NULL,
	"purpose" text,
	"sample_count" integer,
	"estimated_fee_fen" bigint,
	"checked_in_at" timestamp with time zone,
	"cancelled_late" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instrument_id" uuid NOT NULL,
	"booking_id" uuid,
	"user_organisation_id" uuid NOT NULL,
	"external" boolean NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"prep_minutes" integer NOT NULL,
	"measure_minutes" integer NOT NULL,
	"post_minutes" integer NOT NULL,
	"samples" integer DEFAULT 0 NOT NULL,
	"fee_fen" bigint NOT NULL,
	"rating" smallint,
	"comment" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instruments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"asset_no" varchar(64) NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"class_code" varchar(6) NOT NULL,
	"original_value_fen" bigint NOT NULL,
	"manufacturer" text,
	"country" varchar(3),
	"model" text,
	"specs" text,
	"functions" text,
	"service_content" text,
	"fee_per_hour_fen" integer,
	"fee_per_sample_fen" integer,
	"fee_notes" text,
	"open_rules" text,
	"booking_rules" jsonb NOT NULL,
	"location" text,
	"region_code" varchar(6) NOT NULL,
	"contact_name" text,
	"contact_phone" varchar(20),
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'normal' NOT NULL,
	"share_mode" text DEFAULT 'external' NOT NULL,
	"purpose" text DEFAULT 'general' NOT NULL,
	"purchase_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector"
);
--> statement-breakpoint
CREATE TABLE "qualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instrument_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"granted_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "booking_events" ADD CONSTRAINT "booking_events_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_user_organisation_id_organisations_id_fk" FOREIGN KEY ("user_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_events_booking_idx" ON "booking_events" USING btree ("booking_id","id");--> statement-breakpoint
CREATE INDEX "bookings_instrument_start_idx" ON "bookings" USING btree ("instrument_id","start_at");--> statement-breakpoint
CREATE INDEX "bookings_user_idx" ON "bookings" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "bookings_status_idx" ON "bookings" USING btree ("status");--> statement-breakpoint
CREATE INDEX "service_records_instrument_idx" ON "service_records" USING btree ("instrument_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_records_booking_key" ON "service_records" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "instruments_org_asset_key" ON "instruments" USING btree ("organisation_id","asset_no");--> statement-breakpoint
CREATE INDEX "instruments_region_idx" ON "instruments" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "instruments_class_idx" ON "instruments" USING btree ("class_code");--> statement-breakpoint
CREATE INDEX "instruments_search_idx" ON "instruments" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "instruments_name_trgm_idx" ON "instruments" USING gin ("name_zh" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "qualifications_user_instrument_idx" ON "qualifications" USING btree ("user_id","instrument_id");