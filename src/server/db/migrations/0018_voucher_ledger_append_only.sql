-- The voucher ledger is append-only: refuse UPDATE, DELETE and TRUNCATE of journal entries and
-- postings at the database, as for the audit log (0002), so no code path can rewrite money quietly.
CREATE OR REPLACE FUNCTION voucher_ledger_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the voucher ledger is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER voucher_journal_no_update BEFORE UPDATE OR DELETE ON voucher_journal
  FOR EACH ROW EXECUTE FUNCTION voucher_ledger_forbid_change();--> statement-breakpoint
CREATE TRIGGER voucher_journal_no_truncate BEFORE TRUNCATE ON voucher_journal
  FOR EACH STATEMENT EXECUTE FUNCTION voucher_ledger_forbid_change();--> statement-breakpoint
CREATE TRIGGER voucher_postings_no_update BEFORE UPDATE OR DELETE ON voucher_postings
  FOR EACH ROW EXECUTE FUNCTION voucher_ledger_forbid_change();--> statement-breakpoint
CREATE TRIGGER voucher_postings_no_truncate BEFORE TRUNCATE ON voucher_postings
  FOR EACH STATEMENT EXECUTE FUNCTION voucher_ledger_forbid_change();--> statement-breakpoint
-- Double entry at commit: every journal entry touched by the transaction must sum to zero. Deferred,
-- so an entry's lines may be inserted one by one (or in bulk) before the check runs.
CREATE OR REPLACE FUNCTION voucher_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT coalesce(sum(amount_fen), 0) FROM voucher_postings WHERE journal_id = NEW.journal_id) <> 0 THEN
    RAISE EXCEPTION 'voucher journal entry % does not balance', NEW.journal_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER voucher_postings_balanced AFTER INSERT ON voucher_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION voucher_journal_balanced();--> statement-breakpoint
ALTER TABLE "voucher_postings" ADD CONSTRAINT "voucher_postings_amount_nonzero" CHECK ("amount_fen" <> 0);--> statement-breakpoint
ALTER TABLE "voucher_reservations" ADD CONSTRAINT "voucher_reservations_amounts_valid"
  CHECK ("amount_fen" > 0 AND "fee_fen" >= "amount_fen");--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_amounts_valid"
  CHECK ("voucher_fen" > 0 AND "fee_fen" >= "voucher_fen" AND "claimed_minutes" >= 0);--> statement-breakpoint
ALTER TABLE "voucher_quotas" ADD CONSTRAINT "voucher_quotas_issued_positive" CHECK ("issued_fen" > 0);
