CREATE TABLE "action_plan_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"responsible_unit_id" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "action_plan_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"on" date NOT NULL,
	"text" text NOT NULL,
	"by_user_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"origin" text NOT NULL,
	"origin_note" text NOT NULL,
	"owner_body_id" text,
	"owner_principal_id" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_user_id" text,
	CONSTRAINT "one_owner" CHECK (("action_plans"."owner_body_id" is null) <> ("action_plans"."owner_principal_id" is null)),
	CONSTRAINT "ends_after_start" CHECK ("action_plans"."ends_on" >= "action_plans"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "follow_up_calendar_items" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"on" date NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "follow_up_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"agreement_id" text,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"responsible_body_id" text,
	"responsible_text" text,
	"evaluation_after_months" integer,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_figures" (
	"county_code" text NOT NULL,
	"period" text NOT NULL,
	"measure" text NOT NULL,
	"unit_id" text,
	"principal_id" text,
	"bucket" text DEFAULT '' NOT NULL,
	"value" integer,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_refreshes" (
	"county_code" text PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"every_minutes" integer DEFAULT 15 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"entered_at" timestamp with time zone NOT NULL,
	"entered_by_user_id" text,
	CONSTRAINT "indicator_values_indicatorId_period_unique" UNIQUE("indicator_id","period"),
	CONSTRAINT "period_shape" CHECK ("indicator_values"."period" ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$')
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"definition" text NOT NULL,
	"unit" text NOT NULL,
	"source" text NOT NULL,
	"measure" text,
	"source_name" text,
	"target_value" double precision,
	"target_direction" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "indicators_planId_key_unique" UNIQUE("plan_id","key"),
	CONSTRAINT "computed_has_measure" CHECK (("indicators"."source" = 'computed') = ("indicators"."measure" is not null)),
	CONSTRAINT "manual_names_source" CHECK ("indicators"."source" = 'computed' or "indicators"."source_name" is not null),
	CONSTRAINT "target_whole" CHECK (("indicators"."target_value" is null) = ("indicators"."target_direction" is null))
);
--> statement-breakpoint
ALTER TABLE "action_plan_actions" ADD CONSTRAINT "action_plan_actions_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan_actions" ADD CONSTRAINT "action_plan_actions_responsible_unit_id_units_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan_notes" ADD CONSTRAINT "action_plan_notes_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan_notes" ADD CONSTRAINT "action_plan_notes_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_owner_body_id_governance_bodies_id_fk" FOREIGN KEY ("owner_body_id") REFERENCES "public"."governance_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_owner_principal_id_principals_id_fk" FOREIGN KEY ("owner_principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_calendar_items" ADD CONSTRAINT "follow_up_calendar_items_plan_id_follow_up_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."follow_up_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_plans" ADD CONSTRAINT "follow_up_plans_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_plans" ADD CONSTRAINT "follow_up_plans_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_plans" ADD CONSTRAINT "follow_up_plans_responsible_body_id_governance_bodies_id_fk" FOREIGN KEY ("responsible_body_id") REFERENCES "public"."governance_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_figures" ADD CONSTRAINT "indicator_figures_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_figures" ADD CONSTRAINT "indicator_figures_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_figures" ADD CONSTRAINT "indicator_figures_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_refreshes" ADD CONSTRAINT "indicator_refreshes_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_entered_by_user_id_users_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_plan_id_follow_up_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."follow_up_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_plan_actions_plan_id_position_index" ON "action_plan_actions" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "action_plan_actions_due_on_index" ON "action_plan_actions" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "action_plan_notes_plan_id_at_index" ON "action_plan_notes" USING btree ("plan_id","at");--> statement-breakpoint
CREATE INDEX "action_plans_county_code_status_index" ON "action_plans" USING btree ("county_code","status");--> statement-breakpoint
CREATE INDEX "follow_up_calendar_items_plan_id_on_index" ON "follow_up_calendar_items" USING btree ("plan_id","on");--> statement-breakpoint
CREATE INDEX "follow_up_plans_county_code_index" ON "follow_up_plans" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "indicator_figures_county_code_period_measure_index" ON "indicator_figures" USING btree ("county_code","period","measure");--> statement-breakpoint
CREATE INDEX "events_county_code_type_index" ON "events" USING btree ("county_code","type");