ALTER TABLE "instruments" ADD COLUMN "write_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "instruments_write_xid_idx" ON "instruments" USING btree ("write_xid","id");--> statement-breakpoint
-- Every write stamps the row with its transaction, so the in-memory catalogue index of any process
-- can reload exactly what committed since it last looked (catalogue.search.ts).
CREATE FUNCTION "instruments_stamp_write_xid"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."write_xid" := pg_current_xact_id();
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "instruments_stamp_write_xid" BEFORE UPDATE ON "instruments"
  FOR EACH ROW EXECUTE FUNCTION "instruments_stamp_write_xid"();--> statement-breakpoint
-- The index filters by the owner's organisation type, so a type change restamps its instruments.
CREATE FUNCTION "organisations_restamp_instruments"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "instruments" SET "write_xid" = pg_current_xact_id() WHERE "organisation_id" = NEW."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "organisations_restamp_instruments" AFTER UPDATE OF "type" ON "organisations"
  FOR EACH ROW WHEN (OLD."type" IS DISTINCT FROM NEW."type")
  EXECUTE FUNCTION "organisations_restamp_instruments"();
