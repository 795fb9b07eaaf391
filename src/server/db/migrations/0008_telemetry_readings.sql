-- Raw sensor readings: a hot window, range-partitioned by ts with one partition per UTC day, so
-- retention drops a whole partition (no DELETE, no vacuum debt). The primary key includes ts, as
-- partitioning requires, and makes a resent reading (same device, same ts) a no-op on insert.
CREATE TABLE IF NOT EXISTS "telemetry_readings" (
	"device_id" text NOT NULL,
	"instrument_id" uuid NOT NULL,
	"ts" timestamp (3) with time zone NOT NULL,
	"p" real NOT NULL,
	"p_min" real,
	"p_max" real,
	"win" smallint NOT NULL,
	"seq" bigint,
	"on_sec" bigint,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "telemetry_readings_pkey" PRIMARY KEY ("device_id", "ts")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "telemetry_readings_instrument_ts_idx" ON "telemetry_readings" ("instrument_id", "ts");
--> statement-breakpoint
-- Creates the daily partitions covering [first_day, last_day] (UTC) that do not exist yet. Several
-- ingesters may call it at once, so it serialises on an advisory lock for the transaction.
CREATE OR REPLACE FUNCTION telemetry_ensure_partitions(first_day date, last_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	d date := first_day;
	made integer := 0;
	name text;
BEGIN
	PERFORM pg_advisory_xact_lock(7243105);
	WHILE d <= last_day LOOP
		name := 'telemetry_readings_p' || to_char(d, 'YYYYMMDD');
		IF to_regclass(name) IS NULL THEN
			EXECUTE format(
				'CREATE TABLE %I PARTITION OF telemetry_readings FOR VALUES FROM (%L) TO (%L)',
				name, (d::timestamp AT TIME ZONE 'UTC'), ((d + 1)::timestamp AT TIME ZONE 'UTC'));
			made := made + 1;
		END IF;
		d := d + 1;
	END LOOP;
	RETURN made;
END $$;
--> statement-breakpoint
-- Drops every daily partition that ends on or before keep_from (UTC): the retention window.
CREATE OR REPLACE FUNCTION telemetry_drop_partitions(keep_from date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	part record;
	dropped integer := 0;
BEGIN
	PERFORM pg_advisory_xact_lock(7243105);
	FOR part IN
		SELECT c.relname FROM pg_inherits i
		JOIN pg_class c ON c.oid = i.inhrelid
		JOIN pg_class p ON p.oid = i.inhparent
		WHERE p.relname = 'telemetry_readings' AND c.relname ~ '^telemetry_readings_p[0-9]{8}$'
	LOOP
		IF to_date(substring(part.relname from 21), 'YYYYMMDD') < keep_from THEN
			EXECUTE format('DROP TABLE %I', part.relname);
			dropped := dropped + 1;
		END IF;
	END LOOP;
	RETURN dropped;
END $$;
