CREATE TABLE "instrument_power_levels" (
	"instrument_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"idle_w" real NOT NULL,
	"working_w" real NOT NULL,
	"hysteresis_w" real NOT NULL,
	"on_delay_s" integer NOT NULL,
	"off_delay_s" integer NOT NULL,
	"offline_after_s" integer NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "instrument_power_levels_instrument_id_version_pk" PRIMARY KEY("instrument_id","version")
);
--> statement-breakpoint
CREATE TABLE "power_daily" (
	"instrument_id" uuid NOT NULL,
	"day" date NOT NULL,
	"on_s" integer NOT NULL,
	"working_s" integer NOT NULL,
	"unknown_s" integer NOT NULL,
	"off_s" integer NOT NULL,
	CONSTRAINT "power_daily_instrument_id_day_pk" PRIMARY KEY("instrument_id","day")
);
--> statement-breakpoint
CREATE TABLE "power_derivation" (
	"instrument_id" uuid PRIMARY KEY NOT NULL,
	"state" text,
	"since" timestamp (3) with time zone,
	"pending_state" text,
	"pending_since" timestamp (3) with time zone,
	"last_ts" timestamp (3) with time zone,
	"last_p" real,
	"device_id" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "power_intervals" (
	"instrument_id" uuid NOT NULL,
	"start_at" timestamp (3) with time zone NOT NULL,
	"end_at" timestamp (3) with time zone NOT NULL,
	"state" text NOT NULL,
	CONSTRAINT "power_intervals_instrument_id_start_at_pk" PRIMARY KEY("instrument_id","start_at")
);
--> statement-breakpoint
CREATE TABLE "power_monthly" (
	"instrument_id" uuid NOT NULL,
	"month" date NOT NULL,
	"on_s" integer NOT NULL,
	"working_s" integer NOT NULL,
	"unknown_s" integer NOT NULL,
	"off_s" integer NOT NULL,
	CONSTRAINT "power_monthly_instrument_id_month_pk" PRIMARY KEY("instrument_id","month")
);
--> statement-breakpoint
CREATE TABLE "telemetry_dead_letters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "telemetry_dead_letters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"device_id" text,
	"instrument_id" uuid,
	"topic" text NOT NULL,
	"payload" "bytea" NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instrument_power_levels" ADD CONSTRAINT "instrument_power_levels_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "power_daily_day_idx" ON "power_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "power_intervals_end_idx" ON "power_intervals" USING btree ("instrument_id","end_at");--> statement-breakpoint
CREATE INDEX "power_monthly_month_idx" ON "power_monthly" USING btree ("month");--> statement-breakpoint
CREATE INDEX "telemetry_dead_letters_received_idx" ON "telemetry_dead_letters" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "telemetry_dead_letters_device_idx" ON "telemetry_dead_letters" USING btree ("device_id","received_at");