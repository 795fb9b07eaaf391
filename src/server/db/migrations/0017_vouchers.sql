CREATE TABLE "voucher_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reservation_id" uuid NOT NULL,
	"quota_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"enterprise_organisation_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"subject_name" text NOT NULL,
	"service_kind" text NOT NULL,
	"service_start" timestamp with time zone NOT NULL,
	"service_end" timestamp with time zone NOT NULL,
	"fee_fen" bigint NOT NULL,
	"published_fee_fen" bigint NOT NULL,
	"claimed_minutes" integer NOT NULL,
	"voucher_fen" bigint NOT NULL,
	"evidence" text NOT NULL,
	"working_minutes" real,
	"flagged" boolean NOT NULL,
	"checks" jsonb NOT NULL,
	"evidence_snapshot" jsonb NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"settlement_id" uuid,
	"idempotency_key" text,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"month" text NOT NULL,
	"status" text NOT NULL,
	"paid_on" date,
	"payment_ref" text,
	"paid_total_fen" bigint,
	"paid_by" uuid,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_journal" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "voucher_journal_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"programme_id" uuid NOT NULL,
	"quota_id" uuid,
	"enterprise_organisation_id" uuid,
	"provider_organisation_id" uuid,
	"reservation_id" uuid,
	"claim_id" uuid,
	"settlement_id" uuid,
	"memo" text,
	"actor_user_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_postings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "voucher_postings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"journal_id" bigint NOT NULL,
	"account" text NOT NULL,
	"amount_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "voucher_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_programme_versions" (
	"programme_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"settings" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "voucher_programme_versions_pkey" PRIMARY KEY("programme_id","version")
);
--> statement-breakpoint
CREATE TABLE "voucher_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(40) NOT NULL,
	"name" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"service_kinds" jsonb NOT NULL,
	"services" jsonb NOT NULL,
	"intro" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" varchar(20) NOT NULL,
	"applied_by" uuid NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_quota_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"approved_fen" bigint,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"applied_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"quota_id" uuid
);
--> statement-breakpoint
CREATE TABLE "voucher_quotas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"programme_version" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"application_id" uuid,
	"issued_fen" bigint NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"valid_from" date NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quota_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"programme_version" integer NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"service_kind" text NOT NULL,
	"enterprise_organisation_id" uuid NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"subject_name" text NOT NULL,
	"service_start" timestamp with time zone NOT NULL,
	"fee_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"idempotency_key" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"release_reason" text
);
--> statement-breakpoint
CREATE TABLE "voucher_service_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"enterprise_organisation_id" uuid NOT NULL,
	"service_key" text NOT NULL,
	"service_name" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text NOT NULL,
	"quantity" integer NOT NULL,
	"published_fee_fen" bigint NOT NULL,
	"fee_fen" bigint,
	"status" text NOT NULL,
	"ordered_by" uuid NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"delivered_on" date,
	"report" text,
	"note" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "controller_name" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "controller_kind" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "controller_key" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "controller_masked" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "controller_declared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_reservation_id_voucher_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."voucher_reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_quota_id_voucher_quotas_id_fk" FOREIGN KEY ("quota_id") REFERENCES "public"."voucher_quotas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_provider_id_voucher_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."voucher_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_claims" ADD CONSTRAINT "voucher_claims_enterprise_organisation_id_organisations_id_fk" FOREIGN KEY ("enterprise_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_settlements" ADD CONSTRAINT "voucher_settlements_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_settlements" ADD CONSTRAINT "voucher_settlements_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_postings" ADD CONSTRAINT "voucher_postings_journal_id_voucher_journal_id_fk" FOREIGN KEY ("journal_id") REFERENCES "public"."voucher_journal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_programme_versions" ADD CONSTRAINT "voucher_programme_versions_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_providers" ADD CONSTRAINT "voucher_providers_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_providers" ADD CONSTRAINT "voucher_providers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_quota_applications" ADD CONSTRAINT "voucher_quota_applications_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_quota_applications" ADD CONSTRAINT "voucher_quota_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_quotas" ADD CONSTRAINT "voucher_quotas_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_quotas" ADD CONSTRAINT "voucher_quotas_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_quotas" ADD CONSTRAINT "voucher_quotas_application_id_voucher_quota_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."voucher_quota_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_reservations" ADD CONSTRAINT "voucher_reservations_quota_id_voucher_quotas_id_fk" FOREIGN KEY ("quota_id") REFERENCES "public"."voucher_quotas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_reservations" ADD CONSTRAINT "voucher_reservations_programme_id_voucher_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."voucher_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_reservations" ADD CONSTRAINT "voucher_reservations_enterprise_organisation_id_organisations_id_fk" FOREIGN KEY ("enterprise_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_reservations" ADD CONSTRAINT "voucher_reservations_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_reservations" ADD CONSTRAINT "voucher_reservations_provider_id_voucher_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."voucher_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_service_orders" ADD CONSTRAINT "voucher_service_orders_provider_id_voucher_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."voucher_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_service_orders" ADD CONSTRAINT "voucher_service_orders_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_service_orders" ADD CONSTRAINT "voucher_service_orders_enterprise_organisation_id_organisations_id_fk" FOREIGN KEY ("enterprise_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_claims_reservation_key" ON "voucher_claims" USING btree ("reservation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_claims_live_subject_key" ON "voucher_claims" USING btree ("subject_type","subject_id") WHERE status <> 'rejected';--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_claims_idempotency_key" ON "voucher_claims" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "voucher_claims_status_idx" ON "voucher_claims" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "voucher_claims_provider_idx" ON "voucher_claims" USING btree ("provider_organisation_id","status");--> statement-breakpoint
CREATE INDEX "voucher_claims_settlement_idx" ON "voucher_claims" USING btree ("settlement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_settlements_month_key" ON "voucher_settlements" USING btree ("programme_id","provider_organisation_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_journal_idempotency_key" ON "voucher_journal" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "voucher_journal_quota_idx" ON "voucher_journal" USING btree ("quota_id","id");--> statement-breakpoint
CREATE INDEX "voucher_journal_programme_idx" ON "voucher_journal" USING btree ("programme_id","kind");--> statement-breakpoint
CREATE INDEX "voucher_postings_account_idx" ON "voucher_postings" USING btree ("account");--> statement-breakpoint
CREATE INDEX "voucher_postings_journal_idx" ON "voucher_postings" USING btree ("journal_id");--> statement-breakpoint
CREATE INDEX "voucher_events_entity_idx" ON "voucher_events" USING btree ("entity_type","entity_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_programmes_code_key" ON "voucher_programmes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "voucher_programmes_region_idx" ON "voucher_programmes" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_providers_live_key" ON "voucher_providers" USING btree ("programme_id","organisation_id") WHERE status in ('applied', 'admitted', 'suspended');--> statement-breakpoint
CREATE INDEX "voucher_providers_org_idx" ON "voucher_providers" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_quota_applications_pending_key" ON "voucher_quota_applications" USING btree ("programme_id","organisation_id") WHERE status = 'submitted';--> statement-breakpoint
CREATE INDEX "voucher_quota_applications_org_idx" ON "voucher_quota_applications" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_quotas_application_key" ON "voucher_quotas" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "voucher_quotas_org_idx" ON "voucher_quotas" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "voucher_quotas_programme_idx" ON "voucher_quotas" USING btree ("programme_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_reservations_live_subject_key" ON "voucher_reservations" USING btree ("subject_type","subject_id") WHERE status in ('held', 'redeemed');--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_reservations_idempotency_key" ON "voucher_reservations" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "voucher_reservations_quota_idx" ON "voucher_reservations" USING btree ("quota_id","status");--> statement-breakpoint
CREATE INDEX "voucher_reservations_provider_idx" ON "voucher_reservations" USING btree ("provider_organisation_id","status");--> statement-breakpoint
CREATE INDEX "voucher_reservations_enterprise_idx" ON "voucher_reservations" USING btree ("enterprise_organisation_id","service_start");--> statement-breakpoint
CREATE INDEX "voucher_service_orders_provider_idx" ON "voucher_service_orders" USING btree ("provider_organisation_id","status");--> statement-breakpoint
CREATE INDEX "voucher_service_orders_enterprise_idx" ON "voucher_service_orders" USING btree ("enterprise_organisation_id","status");--> statement-breakpoint
CREATE INDEX "organisations_controller_idx" ON "organisations" USING btree ("controller_key");