CREATE TABLE "deviation_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"deviation_id" text NOT NULL,
	"kind" text NOT NULL,
	"level" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" text NOT NULL,
	"by_unit_id" text NOT NULL,
	"principal_id" text,
	"body_id" text,
	"investigation" text,
	"cause" text,
	"measures" text,
	"text" text,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "deviation_principals" (
	"deviation_id" text NOT NULL,
	"principal_id" text NOT NULL,
	"receiving_unit_id" text NOT NULL,
	CONSTRAINT "deviation_principals_deviation_id_principal_id_pk" PRIMARY KEY("deviation_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "deviations" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"occurred_on" date NOT NULL,
	"reported_by_unit_id" text NOT NULL,
	"reported_by_user_id" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"level" integer DEFAULT 1 NOT NULL,
	"due_on" date NOT NULL,
	"overdue_flagged_level" integer,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"suggestion_key" text,
	CONSTRAINT "deviations_suggestionKey_unique" UNIQUE("suggestion_key"),
	CONSTRAINT "closed_has_outcome" CHECK (("deviations"."status" = 'closed') = ("deviations"."outcome" is not null))
);
--> statement-breakpoint
CREATE TABLE "case_categories" (
	"county_code" text NOT NULL,
	"case_kind" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "case_categories_county_code_case_kind_key_pk" PRIMARY KEY("county_code","case_kind","key")
);
--> statement-breakpoint
CREATE TABLE "case_receivers" (
	"principal_id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalation_path_bodies" (
	"case_kind" text NOT NULL,
	"case_id" text NOT NULL,
	"level" integer NOT NULL,
	"body_id" text NOT NULL,
	CONSTRAINT "escalation_path_bodies_case_kind_case_id_level_body_id_pk" PRIMARY KEY("case_kind","case_id","level","body_id")
);
--> statement-breakpoint
CREATE TABLE "escalation_path_levels" (
	"case_kind" text NOT NULL,
	"case_id" text NOT NULL,
	"level" integer NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "escalation_path_levels_case_kind_case_id_level_pk" PRIMARY KEY("case_kind","case_id","level")
);
--> statement-breakpoint
ALTER TABLE "counties" ADD COLUMN "deviation_answer_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "counties" ADD COLUMN "sip_convene_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "deviation_entries" ADD CONSTRAINT "deviation_entries_deviation_id_deviations_id_fk" FOREIGN KEY ("deviation_id") REFERENCES "public"."deviations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_entries" ADD CONSTRAINT "deviation_entries_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_entries" ADD CONSTRAINT "deviation_entries_by_unit_id_units_id_fk" FOREIGN KEY ("by_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_entries" ADD CONSTRAINT "deviation_entries_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_principals" ADD CONSTRAINT "deviation_principals_deviation_id_deviations_id_fk" FOREIGN KEY ("deviation_id") REFERENCES "public"."deviations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_principals" ADD CONSTRAINT "deviation_principals_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviation_principals" ADD CONSTRAINT "deviation_principals_receiving_unit_id_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_reported_by_unit_id_units_id_fk" FOREIGN KEY ("reported_by_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deviations" ADD CONSTRAINT "deviations_reported_by_user_id_users_id_fk" FOREIGN KEY ("reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_categories" ADD CONSTRAINT "case_categories_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_receivers" ADD CONSTRAINT "case_receivers_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_receivers" ADD CONSTRAINT "case_receivers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_path_bodies" ADD CONSTRAINT "escalation_path_bodies_body_id_governance_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."governance_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deviation_entries_deviation_id_seq_index" ON "deviation_entries" USING btree ("deviation_id","seq");--> statement-breakpoint
CREATE INDEX "deviation_principals_receiving_unit_id_index" ON "deviation_principals" USING btree ("receiving_unit_id");--> statement-breakpoint
CREATE INDEX "deviations_county_code_reported_at_index" ON "deviations" USING btree ("county_code","reported_at");--> statement-breakpoint
CREATE INDEX "deviations_reported_by_unit_id_index" ON "deviations" USING btree ("reported_by_unit_id");--> statement-breakpoint
CREATE INDEX "deviations_status_due_on_index" ON "deviations" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "escalation_path_bodies_body_id_case_kind_case_id_index" ON "escalation_path_bodies" USING btree ("body_id","case_kind","case_id");