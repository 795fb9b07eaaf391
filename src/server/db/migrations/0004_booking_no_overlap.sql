-- No double booking, ever: two bookings of one instrument that still hold their slot may not have
-- overlapping (buffer-widened) slots. The database refuses the second with SQLSTATE 23P01, however
-- many requests race. Cancelled, rejected, finished and no-show bookings free their slot.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap"
  EXCLUDE USING gist ("instrument_id" WITH =, "slot" WITH &&)
  WHERE ("status" IN ('requested', 'approved', 'confirmed', 'in_use'));--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_interval_valid"
  CHECK ("start_at" < "end_at" AND lower("slot") <= "start_at" AND upper("slot") >= "end_at");--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_minutes_valid"
  CHECK ("prep_minutes" >= 0 AND "measure_minutes" >= 0 AND "post_minutes" >= 0 AND "samples" >= 0 AND "fee_fen" >= 0);--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_value_valid" CHECK ("original_value_fen" >= 0);
