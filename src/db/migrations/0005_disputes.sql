CREATE TABLE "dispute_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"dispute_id" text NOT NULL,
	"kind" text NOT NULL,
	"level" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" text NOT NULL,
	"by_unit_id" text NOT NULL,
	"body_id" text,
	"text" text NOT NULL,
	"reasoning" text
);
--> statement-breakpoint
CREATE TABLE "dispute_parties" (
	"dispute_id" text NOT NULL,
	"principal_id" text NOT NULL,
	"receiving_unit_id" text NOT NULL,
	CONSTRAINT "dispute_parties_dispute_id_principal_id_pk" PRIMARY KEY("dispute_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"opened_by_unit_id" text NOT NULL,
	"opened_by_user_id" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"level" integer DEFAULT 1 NOT NULL,
	"interim_principal_id" text,
	"interim_responsibility" text,
	"sip_id" text,
	"decided_on" date
);
--> statement-breakpoint
ALTER TABLE "dispute_entries" ADD CONSTRAINT "dispute_entries_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_entries" ADD CONSTRAINT "dispute_entries_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_entries" ADD CONSTRAINT "dispute_entries_by_unit_id_units_id_fk" FOREIGN KEY ("by_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_parties" ADD CONSTRAINT "dispute_parties_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_parties" ADD CONSTRAINT "dispute_parties_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_parties" ADD CONSTRAINT "dispute_parties_receiving_unit_id_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_opened_by_unit_id_units_id_fk" FOREIGN KEY ("opened_by_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_interim_principal_id_principals_id_fk" FOREIGN KEY ("interim_principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispute_entries_dispute_id_seq_index" ON "dispute_entries" USING btree ("dispute_id","seq");--> statement-breakpoint
CREATE INDEX "dispute_parties_receiving_unit_id_index" ON "dispute_parties" USING btree ("receiving_unit_id");--> statement-breakpoint
CREATE INDEX "disputes_county_code_status_category_index" ON "disputes" USING btree ("county_code","status","category");--> statement-breakpoint
CREATE INDEX "disputes_opened_by_unit_id_index" ON "disputes" USING btree ("opened_by_unit_id");