CREATE TABLE "challenge_application_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "challenge_application_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"application_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_application_parties" (
	"application_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"created_by" uuid NOT NULL,
	"status" text NOT NULL,
	"technical_plan" text NOT NULL,
	"milestone_plan" jsonb NOT NULL,
	"budget" jsonb NOT NULL,
	"budget_total_fen" bigint NOT NULL,
	"team" jsonb NOT NULL,
	"prior_results" text NOT NULL,
	"pledge_accepted_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"kind" varchar(8) NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_conflict_declarations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "challenge_conflict_declarations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"expert_user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_contract_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "challenge_contract_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contract_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"buyer_organisation_id" uuid NOT NULL,
	"seller_organisation_id" uuid NOT NULL,
	"type" text NOT NULL,
	"sub_type" text,
	"title" text NOT NULL,
	"contract_amount_fen" bigint NOT NULL,
	"tech_amount_fen" bigint NOT NULL,
	"paid_amount_fen" bigint,
	"signed_on" date NOT NULL,
	"registration_no" varchar(40),
	"registry" text,
	"registered_on" date,
	"certificate_id" uuid,
	"status" text NOT NULL,
	"subsidy_policy_id" uuid NOT NULL,
	"entitlement_fen" bigint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_credit_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"source_type" text,
	"source_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_milestone_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "challenge_milestone_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"milestone_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"deliverable" text NOT NULL,
	"weight" smallint NOT NULL,
	"status" text NOT NULL,
	"report" text,
	"assessment" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_review_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"expert_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"scores" jsonb,
	"total" numeric(6, 2),
	"comment" text,
	"decline_reason" text,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "challenge_review_settings" (
	"list_id" uuid PRIMARY KEY NOT NULL,
	"rubric" jsonb NOT NULL,
	"blind" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_selections" (
	"list_id" uuid PRIMARY KEY NOT NULL,
	"application_ids" jsonb NOT NULL,
	"notice_starts_at" timestamp with time zone NOT NULL,
	"notice_ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"decided_by" uuid NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "challenge_subsidy_tranches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"milestone_id" uuid,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"paid_by" uuid
);
--> statement-breakpoint
CREATE TABLE "challenge_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(32) NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"region_code" varchar(6) NOT NULL,
	"needs_open_at" timestamp with time zone NOT NULL,
	"needs_close_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenge_batches_code_key" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "challenge_directions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"code" varchar(32) NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_list_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "challenge_list_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"list_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_list_needs" (
	"list_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	CONSTRAINT "challenge_list_needs_list_id_need_id_pk" PRIMARY KEY("list_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "challenge_list_reviews" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "challenge_list_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"list_id" uuid NOT NULL,
	"list_version" integer NOT NULL,
	"expert_user_id" uuid NOT NULL,
	"verdict" text NOT NULL,
	"comment" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"code" varchar(32) NOT NULL,
	"title" text NOT NULL,
	"direction_id" uuid NOT NULL,
	"category" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"goal" text NOT NULL,
	"indicators" jsonb NOT NULL,
	"eligibility" text NOT NULL,
	"period_months" integer NOT NULL,
	"enterprise_investment_fen" bigint NOT NULL,
	"subsidy_policy_id" uuid NOT NULL,
	"max_solvers" smallint DEFAULT 1 NOT NULL,
	"reviews_required" smallint DEFAULT 1 NOT NULL,
	"confidentiality" text DEFAULT 'public' NOT NULL,
	"apply_opens_at" timestamp with time zone NOT NULL,
	"apply_closes_at" timestamp with time zone NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" varchar(20) NOT NULL,
	"contact_email" text,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"search_vector" "tsvector",
	CONSTRAINT "challenge_lists_code_key" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "challenge_need_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "challenge_need_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"need_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_need_merges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "challenge_need_merges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"target_need_id" uuid NOT NULL,
	"source_need_id" uuid NOT NULL,
	"similarity" integer,
	"actor_user_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"direction_id" uuid NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"public_summary" text,
	"indicators" jsonb NOT NULL,
	"technical_base" text NOT NULL,
	"expected_completion" date NOT NULL,
	"own_funding_fen" bigint NOT NULL,
	"confidentiality" text NOT NULL,
	"ip_intent" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" varchar(20) NOT NULL,
	"contact_email" text,
	"status" text NOT NULL,
	"merged_into_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"search_vector" "tsvector"
);
--> statement-breakpoint
CREATE TABLE "challenge_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"asked_by" uuid NOT NULL,
	"question" text NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"hidden" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_subsidy_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"ratio_bp" integer NOT NULL,
	"cap_fen" bigint NOT NULL,
	"base" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "challenge_application_events" ADD CONSTRAINT "challenge_application_events_application_id_challenge_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."challenge_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_application_parties" ADD CONSTRAINT "challenge_application_parties_application_id_challenge_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."challenge_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_application_parties" ADD CONSTRAINT "challenge_application_parties_list_id_challenge_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."challenge_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_application_parties" ADD CONSTRAINT "challenge_application_parties_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_applications" ADD CONSTRAINT "challenge_applications_list_id_challenge_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."challenge_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_applications" ADD CONSTRAINT "challenge_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_applications" ADD CONSTRAINT "challenge_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_conflict_declarations" ADD CONSTRAINT "challenge_conflict_declarations_expert_user_id_users_id_fk" FOREIGN KEY ("expert_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_conflict_declarations" ADD CONSTRAINT "challenge_conflict_declarations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_contract_events" ADD CONSTRAINT "challenge_contract_events_contract_id_challenge_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."challenge_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_contracts" ADD CONSTRAINT "challenge_contracts_application_id_challenge_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."challenge_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_contracts" ADD CONSTRAINT "challenge_contracts_list_id_challenge_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."challenge_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_contracts" ADD CONSTRAINT "challenge_contracts_buyer_organisation_id_organisations_id_fk" FOREIGN KEY ("buyer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_contracts" ADD CONSTRAINT "challenge_contracts_seller_organisation_id_organisations_id_fk" FOREIGN KEY ("seller_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_contracts" ADD CONSTRAINT "challenge_contracts_subsidy_policy_id_challenge_subsidy_policies_id_fk" FOREIGN KEY ("subsidy_policy_id") REFERENCES "public"."challenge_subsidy_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_credit_records" ADD CONSTRAINT "challenge_credit_records_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_milestone_events" ADD CONSTRAINT "challenge_milestone_events_milestone_id_challenge_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."challenge_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_milestones" ADD CONSTRAINT "challenge_milestones_application_id_challenge_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."challenge_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_review_assignments" ADD CONSTRAINT "challenge_review_assignments_application_id_challenge_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."challenge_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_review_assignments" ADD CONSTRAINT "challenge_review_assignments_list_id_challenge_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."challenge_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_review_assignments" ADD CONSTRAINT "challenge_review_assignments_expert_user_id_users_id_fk" FOREIGN KEY ("expert_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_review_settings" ADD CONSTRAINT "challenge_review_settings_list_id_challenge_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."challenge_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_selections" ADD CONSTRAINT "challenge_selections_list_id_challenge_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."challenge_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_subsidy_tranches" ADD CONSTRAINT "challenge_subsidy_tranches_contract_id_challenge_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."challenge_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_subsidy_tranches" ADD CONSTRAINT "challenge_subsidy_tranches_milestone_id_challenge_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."challenge_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_directions" ADD CONSTRAINT "challenge_directions_batch_id_challenge_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."challenge_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_list_events" ADD CONSTRAINT "challenge_list_events_list_id_challenge_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."challenge_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_list_needs" ADD CONSTRAINT "challenge_list_needs_list_id_challenge_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."challenge_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_list_needs" ADD CONSTRAINT "challenge_list_needs_need_id_challenge_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."challenge_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_list_reviews" ADD CONSTRAINT "challenge_list_reviews_list_id_challenge_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."challenge_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_list_reviews" ADD CONSTRAINT "challenge_list_reviews_expert_user_id_users_id_fk" FOREIGN KEY ("expert_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_lists" ADD CONSTRAINT "challenge_lists_batch_id_challenge_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."challenge_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_lists" ADD CONSTRAINT "challenge_lists_direction_id_challenge_directions_id_fk" FOREIGN KEY ("direction_id") REFERENCES "public"."challenge_directions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_lists" ADD CONSTRAINT "challenge_lists_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_lists" ADD CONSTRAINT "challenge_lists_subsidy_policy_id_challenge_subsidy_policies_id_fk" FOREIGN KEY ("subsidy_policy_id") REFERENCES "public"."challenge_subsidy_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_need_events" ADD CONSTRAINT "challenge_need_events_need_id_challenge_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."challenge_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_need_merges" ADD CONSTRAINT "challenge_need_merges_target_need_id_challenge_needs_id_fk" FOREIGN KEY ("target_need_id") REFERENCES "public"."challenge_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_need_merges" ADD CONSTRAINT "challenge_need_merges_source_need_id_challenge_needs_id_fk" FOREIGN KEY ("source_need_id") REFERENCES "public"."challenge_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_needs" ADD CONSTRAINT "challenge_needs_batch_id_challenge_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."challenge_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_needs" ADD CONSTRAINT "challenge_needs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_needs" ADD CONSTRAINT "challenge_needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_needs" ADD CONSTRAINT "challenge_needs_direction_id_challenge_directions_id_fk" FOREIGN KEY ("direction_id") REFERENCES "public"."challenge_directions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_questions" ADD CONSTRAINT "challenge_questions_list_id_challenge_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."challenge_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_questions" ADD CONSTRAINT "challenge_questions_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_subsidy_policies" ADD CONSTRAINT "challenge_subsidy_policies_batch_id_challenge_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."challenge_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenge_application_events_app_idx" ON "challenge_application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_application_parties_list_org_key" ON "challenge_application_parties" USING btree ("list_id","organisation_id");--> statement-breakpoint
CREATE INDEX "challenge_application_parties_app_idx" ON "challenge_application_parties" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "challenge_applications_list_idx" ON "challenge_applications" USING btree ("list_id","status");--> statement-breakpoint
CREATE INDEX "challenge_applications_org_idx" ON "challenge_applications" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "challenge_attachments_owner_idx" ON "challenge_attachments" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_conflict_declarations_key" ON "challenge_conflict_declarations" USING btree ("expert_user_id","organisation_id");--> statement-breakpoint
CREATE INDEX "challenge_contract_events_contract_idx" ON "challenge_contract_events" USING btree ("contract_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_contracts_application_key" ON "challenge_contracts" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_contracts_registration_key" ON "challenge_contracts" USING btree ("registry","registration_no");--> statement-breakpoint
CREATE INDEX "challenge_contracts_list_idx" ON "challenge_contracts" USING btree ("list_id");--> statement-breakpoint
CREATE INDEX "challenge_credit_records_org_idx" ON "challenge_credit_records" USING btree ("organisation_id","kind");--> statement-breakpoint
CREATE INDEX "challenge_milestone_events_ms_idx" ON "challenge_milestone_events" USING btree ("milestone_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_milestones_app_seq_key" ON "challenge_milestones" USING btree ("application_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_review_assignments_app_expert_key" ON "challenge_review_assignments" USING btree ("application_id","expert_user_id");--> statement-breakpoint
CREATE INDEX "challenge_review_assignments_expert_idx" ON "challenge_review_assignments" USING btree ("expert_user_id","status");--> statement-breakpoint
CREATE INDEX "challenge_subsidy_tranches_contract_idx" ON "challenge_subsidy_tranches" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_subsidy_tranches_milestone_key" ON "challenge_subsidy_tranches" USING btree ("milestone_id");--> statement-breakpoint
CREATE INDEX "challenge_batches_region_idx" ON "challenge_batches" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_directions_batch_code_key" ON "challenge_directions" USING btree ("batch_id","code");--> statement-breakpoint
CREATE INDEX "challenge_list_events_list_idx" ON "challenge_list_events" USING btree ("list_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_list_needs_need_key" ON "challenge_list_needs" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "challenge_list_reviews_list_idx" ON "challenge_list_reviews" USING btree ("list_id","id");--> statement-breakpoint
CREATE INDEX "challenge_lists_batch_status_idx" ON "challenge_lists" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "challenge_lists_region_idx" ON "challenge_lists" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "challenge_lists_search_idx" ON "challenge_lists" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "challenge_lists_title_trgm_idx" ON "challenge_lists" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "challenge_need_events_need_idx" ON "challenge_need_events" USING btree ("need_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_need_merges_source_key" ON "challenge_need_merges" USING btree ("source_need_id");--> statement-breakpoint
CREATE INDEX "challenge_need_merges_target_idx" ON "challenge_need_merges" USING btree ("target_need_id");--> statement-breakpoint
CREATE INDEX "challenge_needs_batch_status_idx" ON "challenge_needs" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "challenge_needs_org_idx" ON "challenge_needs" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "challenge_needs_region_idx" ON "challenge_needs" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "challenge_needs_search_idx" ON "challenge_needs" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "challenge_questions_list_idx" ON "challenge_questions" USING btree ("list_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_subsidy_policies_batch_version_key" ON "challenge_subsidy_policies" USING btree ("batch_id","version");