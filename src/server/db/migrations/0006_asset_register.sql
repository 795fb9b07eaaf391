CREATE TABLE "asset_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"asset_no" varchar(64) NOT NULL,
	"original_asset_no" varchar(64),
	"name" text NOT NULL,
	"class_code" varchar(32),
	"class_name" text,
	"class_scheme" text DEFAULT 'GB/T 14885' NOT NULL,
	"class_version" varchar(8),
	"spec_model" text,
	"brand" text,
	"manufacturer" text,
	"country" text,
	"acquisition_method" text,
	"purchase_date" date,
	"original_value_fen" bigint NOT NULL,
	"funding_source" text,
	"use_status" text,
	"using_department" text,
	"location" text,
	"raw" jsonb NOT NULL,
	"source" text NOT NULL,
	"last_import_id" uuid,
	"imported_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"disposed_at" timestamp with time zone,
	CONSTRAINT "asset_cards_value_check" CHECK ("asset_cards"."original_value_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "asset_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"source" text NOT NULL,
	"filename" text,
	"sha256" varchar(64) NOT NULL,
	"dry_run" boolean NOT NULL,
	"rows_total" integer NOT NULL,
	"rows_inserted" integer NOT NULL,
	"rows_updated" integer NOT NULL,
	"rows_unchanged" integer NOT NULL,
	"rows_failed" integer NOT NULL,
	"columns" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"errors_truncated" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset_cards" ADD CONSTRAINT "asset_cards_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_cards" ADD CONSTRAINT "asset_cards_last_import_id_asset_imports_id_fk" FOREIGN KEY ("last_import_id") REFERENCES "public"."asset_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_imports" ADD CONSTRAINT "asset_imports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_imports" ADD CONSTRAINT "asset_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "asset_cards_org_asset_key" ON "asset_cards" USING btree ("organisation_id","asset_no");--> statement-breakpoint
CREATE INDEX "asset_imports_org_created_idx" ON "asset_imports" USING btree ("organisation_id","created_at");