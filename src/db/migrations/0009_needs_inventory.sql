CREATE TABLE "needs_inventory_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"text" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_user_id" text
);
--> statement-breakpoint
CREATE TABLE "needs_inventory_forms" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"publisher" text NOT NULL,
	"year" integer NOT NULL,
	"questions" jsonb NOT NULL,
	CONSTRAINT "needs_inventory_forms_key_version_unique" UNIQUE("key","version")
);
--> statement-breakpoint
CREATE TABLE "needs_inventory_records" (
	"id" text PRIMARY KEY NOT NULL,
	"round_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	"age_band" text NOT NULL,
	"gender" text NOT NULL,
	"housing" text NOT NULL,
	"occupation" text NOT NULL,
	"contacts" jsonb NOT NULL,
	"needs" jsonb NOT NULL,
	"note" text,
	"entered_at" timestamp with time zone NOT NULL,
	"entered_by_user_id" text
);
--> statement-breakpoint
CREATE TABLE "needs_inventory_round_units" (
	"round_id" text NOT NULL,
	"unit_id" text NOT NULL,
	CONSTRAINT "needs_inventory_round_units_round_id_unit_id_pk" PRIMARY KEY("round_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "needs_inventory_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"form_id" text NOT NULL,
	"coordinator_body_id" text NOT NULL,
	"instructions" text NOT NULL,
	"status" text NOT NULL,
	"reported_on" date,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_user_id" text,
	CONSTRAINT "period_order" CHECK ("needs_inventory_rounds"."period_end" >= "needs_inventory_rounds"."period_start"),
	CONSTRAINT "reported_has_date" CHECK (("needs_inventory_rounds"."status" = 'reported') = ("needs_inventory_rounds"."reported_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "needs_inventory_comments" ADD CONSTRAINT "needs_inventory_comments_round_id_needs_inventory_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."needs_inventory_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_comments" ADD CONSTRAINT "needs_inventory_comments_organisation_id_principals_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_comments" ADD CONSTRAINT "needs_inventory_comments_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_records" ADD CONSTRAINT "needs_inventory_records_round_id_needs_inventory_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."needs_inventory_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_records" ADD CONSTRAINT "needs_inventory_records_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_records" ADD CONSTRAINT "needs_inventory_records_entered_by_user_id_users_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_round_units" ADD CONSTRAINT "needs_inventory_round_units_round_id_needs_inventory_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."needs_inventory_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_round_units" ADD CONSTRAINT "needs_inventory_round_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_rounds" ADD CONSTRAINT "needs_inventory_rounds_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_rounds" ADD CONSTRAINT "needs_inventory_rounds_form_id_needs_inventory_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."needs_inventory_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_rounds" ADD CONSTRAINT "needs_inventory_rounds_coordinator_body_id_governance_bodies_id_fk" FOREIGN KEY ("coordinator_body_id") REFERENCES "public"."governance_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs_inventory_rounds" ADD CONSTRAINT "needs_inventory_rounds_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "needs_inventory_comments_round_id_recorded_at_index" ON "needs_inventory_comments" USING btree ("round_id","recorded_at");--> statement-breakpoint
CREATE INDEX "needs_inventory_records_round_id_unit_id_index" ON "needs_inventory_records" USING btree ("round_id","unit_id");--> statement-breakpoint
CREATE INDEX "needs_inventory_rounds_county_code_period_start_index" ON "needs_inventory_rounds" USING btree ("county_code","period_start");