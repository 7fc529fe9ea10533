CREATE TABLE "unit_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"previous_name" text NOT NULL,
	"previous_principal_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_links" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"to_user_id" text,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "escalation_level_bodies" DROP CONSTRAINT "escalation_level_bodies_county_code_level_body_id_pk";--> statement-breakpoint
ALTER TABLE "escalation_levels" DROP CONSTRAINT "escalation_levels_county_code_level_pk";--> statement-breakpoint
-- Written by hand (drizzle-kit put the keys before the columns): the one ladder a county had becomes its
-- ladder for deviations, and its ladder for disputes starts as a copy of it.
ALTER TABLE "escalation_levels" ADD COLUMN "case_kind" text DEFAULT 'deviation' NOT NULL;--> statement-breakpoint
ALTER TABLE "escalation_level_bodies" ADD COLUMN "case_kind" text DEFAULT 'deviation' NOT NULL;--> statement-breakpoint
INSERT INTO "escalation_levels" ("county_code", "case_kind", "level", "label", "source")
  SELECT "county_code", 'dispute', "level", "label", "source" FROM "escalation_levels";--> statement-breakpoint
INSERT INTO "escalation_level_bodies" ("county_code", "case_kind", "level", "body_id")
  SELECT "county_code", 'dispute', "level", "body_id" FROM "escalation_level_bodies";--> statement-breakpoint
ALTER TABLE "escalation_levels" ALTER COLUMN "case_kind" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "escalation_level_bodies" ALTER COLUMN "case_kind" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "escalation_level_bodies" ADD CONSTRAINT "escalation_level_bodies_county_code_case_kind_level_body_id_pk" PRIMARY KEY("county_code","case_kind","level","body_id");--> statement-breakpoint
ALTER TABLE "escalation_levels" ADD CONSTRAINT "escalation_levels_county_code_case_kind_level_pk" PRIMARY KEY("county_code","case_kind","level");--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "successor_unit_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "unit_changes" ADD CONSTRAINT "unit_changes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_changes" ADD CONSTRAINT "unit_changes_previous_principal_id_principals_id_fk" FOREIGN KEY ("previous_principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_links" ADD CONSTRAINT "password_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_links" ADD CONSTRAINT "password_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_changes_unit_id_changed_at_index" ON "unit_changes" USING btree ("unit_id","changed_at");--> statement-breakpoint
CREATE INDEX "password_links_user_id_index" ON "password_links" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "outbox_county_code_created_at_index" ON "outbox" USING btree ("county_code","created_at");--> statement-breakpoint
CREATE INDEX "outbox_sent_at_index" ON "outbox" USING btree ("sent_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_email_unique" UNIQUE("email");--> statement-breakpoint
-- The name a unit had at an instant (organisations/unit-names.ts). A function, so that its arguments are read in
-- the caller's scope: an unqualified column such as "id" passed in cannot bind to a column of the subqueries.
CREATE FUNCTION unit_name_at(p_unit_id text, p_at timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT uc.previous_name FROM unit_changes uc WHERE uc.unit_id = p_unit_id AND uc.changed_at > p_at
      ORDER BY uc.changed_at ASC LIMIT 1),
    (SELECT un.name FROM units un WHERE un.id = p_unit_id))
$$;
