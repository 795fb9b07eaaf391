CREATE TABLE "region_settings" (
	"region_code" varchar(6) NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_settings_pkey" PRIMARY KEY("region_code","key")
);
