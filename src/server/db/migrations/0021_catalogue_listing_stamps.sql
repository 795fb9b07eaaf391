-- The in-memory catalogue now keeps the list rows themselves (catalogue.search.ts), so an
-- instrument's write_xid must move whenever anything its row shows changes, not only its own
-- columns: the owner's name (as well as its type, 0014) and the cover photo.
DROP TRIGGER "organisations_restamp_instruments" ON "organisations";--> statement-breakpoint
CREATE TRIGGER "organisations_restamp_instruments" AFTER UPDATE OF "type", "name" ON "organisations"
  FOR EACH ROW WHEN (OLD."type" IS DISTINCT FROM NEW."type" OR OLD."name" IS DISTINCT FROM NEW."name")
  EXECUTE FUNCTION "organisations_restamp_instruments"();--> statement-breakpoint
CREATE FUNCTION "instrument_photos_restamp_instrument"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The BEFORE UPDATE trigger on instruments stamps the transaction; this only touches the row.
  UPDATE "instruments" SET "write_xid" = pg_current_xact_id()
    WHERE "id" IN (NEW."instrument_id", OLD."instrument_id");
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "instrument_photos_restamp_instrument" AFTER INSERT OR UPDATE OR DELETE ON "instrument_photos"
  FOR EACH ROW EXECUTE FUNCTION "instrument_photos_restamp_instrument"();
