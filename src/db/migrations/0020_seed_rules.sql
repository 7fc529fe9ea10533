CREATE TABLE "county_settings_to_confirm" (
	"county_code" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"assumption" text NOT NULL,
	"position" integer NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by_user_id" text,
	CONSTRAINT "county_settings_to_confirm_county_code_key_pk" PRIMARY KEY("county_code","key")
);
--> statement-breakpoint
ALTER TABLE "county_settings_to_confirm" ADD CONSTRAINT "county_settings_to_confirm_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "county_settings_to_confirm" ADD CONSTRAINT "county_settings_to_confirm_confirmed_by_user_id_users_id_fk" FOREIGN KEY ("confirmed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;