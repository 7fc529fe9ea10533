CREATE TABLE "sip_consent_principals" (
	"sip_id" text NOT NULL,
	"principal_id" text NOT NULL,
	CONSTRAINT "sip_consent_principals_sip_id_principal_id_pk" PRIMARY KEY("sip_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "sip_consents" (
	"sip_id" text PRIMARY KEY NOT NULL,
	"given_on" date NOT NULL,
	"form" text NOT NULL,
	"relatives_may_take_part" boolean NOT NULL,
	"withdrawn_on" date,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sip_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"sip_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"meeting_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decline_reason" text,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sip_plan_units" (
	"sip_id" text NOT NULL,
	"unit_id" text NOT NULL,
	CONSTRAINT "sip_plan_units_sip_id_unit_id_pk" PRIMARY KEY("sip_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "sip_plan_versions" (
	"sip_id" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	"saved_by" text NOT NULL,
	CONSTRAINT "sip_plan_versions_sip_id_version_pk" PRIMARY KEY("sip_id","version")
);
--> statement-breakpoint
CREATE TABLE "sips" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"person_id" text NOT NULL,
	"convening_unit_id" text NOT NULL,
	"convening_principal_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"closure_reason" text,
	"closure_note" text,
	"closed_on" date
);
--> statement-breakpoint
ALTER TABLE "sip_consent_principals" ADD CONSTRAINT "sip_consent_principals_sip_id_sips_id_fk" FOREIGN KEY ("sip_id") REFERENCES "public"."sips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_consent_principals" ADD CONSTRAINT "sip_consent_principals_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_consents" ADD CONSTRAINT "sip_consents_sip_id_sips_id_fk" FOREIGN KEY ("sip_id") REFERENCES "public"."sips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_consents" ADD CONSTRAINT "sip_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_invitations" ADD CONSTRAINT "sip_invitations_sip_id_sips_id_fk" FOREIGN KEY ("sip_id") REFERENCES "public"."sips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_invitations" ADD CONSTRAINT "sip_invitations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_invitations" ADD CONSTRAINT "sip_invitations_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_plan_units" ADD CONSTRAINT "sip_plan_units_sip_id_sips_id_fk" FOREIGN KEY ("sip_id") REFERENCES "public"."sips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_plan_units" ADD CONSTRAINT "sip_plan_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_plan_versions" ADD CONSTRAINT "sip_plan_versions_sip_id_sips_id_fk" FOREIGN KEY ("sip_id") REFERENCES "public"."sips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_plan_versions" ADD CONSTRAINT "sip_plan_versions_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sips" ADD CONSTRAINT "sips_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sips" ADD CONSTRAINT "sips_convening_unit_id_units_id_fk" FOREIGN KEY ("convening_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sips" ADD CONSTRAINT "sips_convening_principal_id_principals_id_fk" FOREIGN KEY ("convening_principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sips" ADD CONSTRAINT "sips_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sip_consent_principals_principal_id_index" ON "sip_consent_principals" USING btree ("principal_id");--> statement-breakpoint
CREATE INDEX "sip_invitations_unit_id_status_index" ON "sip_invitations" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "sip_invitations_sip_id_index" ON "sip_invitations" USING btree ("sip_id");--> statement-breakpoint
CREATE INDEX "sip_plan_units_unit_id_index" ON "sip_plan_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "sips_convening_unit_id_created_at_index" ON "sips" USING btree ("convening_unit_id","created_at");--> statement-breakpoint
CREATE INDEX "sips_person_id_index" ON "sips" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "sips_county_code_status_index" ON "sips" USING btree ("county_code","status");