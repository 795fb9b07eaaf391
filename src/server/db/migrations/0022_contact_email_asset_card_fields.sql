ALTER TABLE "asset_cards" ADD COLUMN "serial_no" text;--> statement-breakpoint
ALTER TABLE "asset_cards" ADD COLUMN "supplier" text;--> statement-breakpoint
ALTER TABLE "asset_cards" ADD COLUMN "start_use_date" date;--> statement-breakpoint
ALTER TABLE "asset_cards" ADD COLUMN "warranty_until" date;--> statement-breakpoint
ALTER TABLE "asset_cards" ADD COLUMN "accumulated_depreciation_fen" bigint;--> statement-breakpoint
ALTER TABLE "asset_cards" ADD COLUMN "net_value_fen" bigint;--> statement-breakpoint
ALTER TABLE "asset_cards" ADD COLUMN "usage_direction" text;--> statement-breakpoint
ALTER TABLE "asset_cards" ADD COLUMN "managing_department" text;--> statement-breakpoint
ALTER TABLE "asset_cards" ADD COLUMN "custodian" text;--> statement-breakpoint
ALTER TABLE "asset_cards" ADD COLUMN "remarks" text;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "contact_email" varchar(254);--> statement-breakpoint
ALTER TABLE "asset_cards" ADD CONSTRAINT "asset_cards_depreciation_check" CHECK ("asset_cards"."accumulated_depreciation_fen" >= 0);--> statement-breakpoint
ALTER TABLE "asset_cards" ADD CONSTRAINT "asset_cards_net_value_check" CHECK ("asset_cards"."net_value_fen" >= 0);