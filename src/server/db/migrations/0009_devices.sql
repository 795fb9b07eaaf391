CREATE TABLE "device_error_counts" (
	"device_id" varchar(32) NOT NULL,
	"reason" varchar(64) NOT NULL,
	"count" bigint NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_detail" text,
	CONSTRAINT "device_error_counts_device_id_reason_pk" PRIMARY KEY("device_id","reason")
);
--> statement-breakpoint
CREATE TABLE "device_fittings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "device_fittings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"device_id" varchar(32) NOT NULL,
	"instrument_id" uuid NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone,
	"reason" text,
	"actor_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"label" text,
	"status" text DEFAULT 'active' NOT NULL,
	"instrument_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"secret_hash" varchar(64) NOT NULL,
	"credentials_issued_at" timestamp with time zone NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"firmware" text,
	"last_seen_at" timestamp with time zone,
	"error_count" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"retired_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device_error_counts" ADD CONSTRAINT "device_error_counts_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_fittings" ADD CONSTRAINT "device_fittings_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_fittings" ADD CONSTRAINT "device_fittings_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_fittings_device_idx" ON "device_fittings" USING btree ("device_id","from_at");--> statement-breakpoint
CREATE INDEX "device_fittings_instrument_idx" ON "device_fittings" USING btree ("instrument_id","from_at");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_active_instrument_key" ON "devices" USING btree ("instrument_id") WHERE "devices"."status" = 'active';--> statement-breakpoint
CREATE INDEX "devices_org_idx" ON "devices" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "devices_region_idx" ON "devices" USING btree ("region_code");