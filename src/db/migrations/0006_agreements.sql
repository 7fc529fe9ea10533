CREATE TABLE "agreement_adoptions" (
	"version_id" text NOT NULL,
	"principal_id" text NOT NULL,
	"decided_on" date NOT NULL,
	"body" text NOT NULL,
	"reference" text NOT NULL,
	"recorded_by_user_id" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agreement_adoptions_version_id_principal_id_pk" PRIMARY KEY("version_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"version_id" text NOT NULL,
	"section_key" text NOT NULL,
	"principal_id" text NOT NULL,
	"user_id" text NOT NULL,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by_user_id" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agreement_consultation_invitees" (
	"version_id" text NOT NULL,
	"principal_id" text NOT NULL,
	CONSTRAINT "agreement_consultation_invitees_version_id_principal_id_pk" PRIMARY KEY("version_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_consultations" (
	"version_id" text PRIMARY KEY NOT NULL,
	"closes_on" date NOT NULL,
	"opened_by_user_id" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_parties" (
	"agreement_id" text NOT NULL,
	"principal_id" text NOT NULL,
	CONSTRAINT "agreement_parties_agreement_id_principal_id_pk" PRIMARY KEY("agreement_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_sections" (
	"id" text PRIMARY KEY NOT NULL,
	"version_id" text NOT NULL,
	"key" text NOT NULL,
	"parent_key" text,
	"position" integer NOT NULL,
	"heading" text NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "agreement_sections_versionId_key_unique" UNIQUE("version_id","key")
);
--> statement-breakpoint
CREATE TABLE "agreement_template_headings" (
	"county_code" text NOT NULL,
	"position" integer NOT NULL,
	"heading" text NOT NULL,
	"guidance" text NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "agreement_template_headings_county_code_position_pk" PRIMARY KEY("county_code","position")
);
--> statement-breakpoint
CREATE TABLE "agreement_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"agreement_id" text NOT NULL,
	"number" integer NOT NULL,
	"stage" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_user_id" text,
	"published_on" date,
	"change_note" text,
	"starts_on" date,
	"ends_on" date,
	"notice_months" integer,
	"extension_months" integer,
	"notice_recipient" text,
	CONSTRAINT "agreement_versions_agreementId_number_unique" UNIQUE("agreement_id","number"),
	CONSTRAINT "ends_after_start" CHECK ("agreement_versions"."ends_on" is null or "agreement_versions"."starts_on" is null or "agreement_versions"."ends_on" >= "agreement_versions"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"parent_agreement_id" text,
	"scope" text,
	"follow_up_months" integer,
	"last_followed_up_on" date,
	"date_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"notice_given_on" date,
	"notice_given_by_principal_id" text,
	"notice_recorded_by_user_id" text
);
--> statement-breakpoint
CREATE TABLE "responsibility_rows" (
	"id" text PRIMARY KEY NOT NULL,
	"agreement_id" text NOT NULL,
	"county_code" text NOT NULL,
	"position" integer NOT NULL,
	"area" text NOT NULL,
	"principal_kind" text NOT NULL,
	"covers" text NOT NULL,
	"legal_reference" text,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revision_change_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"section_key" text NOT NULL,
	"title" text NOT NULL,
	"proposed_text" text NOT NULL,
	"reason" text NOT NULL,
	"proposed_by_user_id" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"resulting_version" integer
);
--> statement-breakpoint
CREATE TABLE "revision_deliverables" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"phase_id" text,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"due_on" date
);
--> statement-breakpoint
CREATE TABLE "revision_directive_versions" (
	"project_id" text NOT NULL,
	"number" integer NOT NULL,
	"decided_on" date NOT NULL,
	"change_request_id" text,
	"sections" jsonb NOT NULL,
	CONSTRAINT "revision_directive_versions_project_id_number_pk" PRIMARY KEY("project_id","number")
);
--> statement-breakpoint
CREATE TABLE "revision_phases" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revision_projects" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"title" text NOT NULL,
	"agreement_id" text,
	"commissioner" text NOT NULL,
	"owner" text NOT NULL,
	"project_leader" text NOT NULL,
	"steering_body_id" text NOT NULL,
	"project_steering_group" text,
	"working_group" text NOT NULL,
	"recipients" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revision_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"phase_id" text,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" text NOT NULL,
	"by_unit_id" text NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "counties" ADD COLUMN "agreement_warning_months" integer[] DEFAULT '{6,3}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_adoptions" ADD CONSTRAINT "agreement_adoptions_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_adoptions" ADD CONSTRAINT "agreement_adoptions_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_adoptions" ADD CONSTRAINT "agreement_adoptions_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_comments" ADD CONSTRAINT "agreement_comments_version_id_agreement_consultations_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_consultations"("version_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_comments" ADD CONSTRAINT "agreement_comments_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_comments" ADD CONSTRAINT "agreement_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_comments" ADD CONSTRAINT "agreement_comments_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_consultation_invitees" ADD CONSTRAINT "agreement_consultation_invitees_version_id_agreement_consultations_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_consultations"("version_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_consultation_invitees" ADD CONSTRAINT "agreement_consultation_invitees_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_consultations" ADD CONSTRAINT "agreement_consultations_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_consultations" ADD CONSTRAINT "agreement_consultations_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_sections" ADD CONSTRAINT "agreement_sections_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_template_headings" ADD CONSTRAINT "agreement_template_headings_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_notice_given_by_principal_id_principals_id_fk" FOREIGN KEY ("notice_given_by_principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_notice_recorded_by_user_id_users_id_fk" FOREIGN KEY ("notice_recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_rows" ADD CONSTRAINT "responsibility_rows_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_rows" ADD CONSTRAINT "responsibility_rows_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_change_requests" ADD CONSTRAINT "revision_change_requests_project_id_revision_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."revision_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_change_requests" ADD CONSTRAINT "revision_change_requests_proposed_by_user_id_users_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_change_requests" ADD CONSTRAINT "revision_change_requests_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_deliverables" ADD CONSTRAINT "revision_deliverables_project_id_revision_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."revision_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_deliverables" ADD CONSTRAINT "revision_deliverables_phase_id_revision_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."revision_phases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_directive_versions" ADD CONSTRAINT "revision_directive_versions_project_id_revision_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."revision_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_phases" ADD CONSTRAINT "revision_phases_project_id_revision_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."revision_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_projects" ADD CONSTRAINT "revision_projects_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_projects" ADD CONSTRAINT "revision_projects_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_projects" ADD CONSTRAINT "revision_projects_steering_body_id_governance_bodies_id_fk" FOREIGN KEY ("steering_body_id") REFERENCES "public"."governance_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_reports" ADD CONSTRAINT "revision_reports_project_id_revision_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."revision_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_reports" ADD CONSTRAINT "revision_reports_phase_id_revision_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."revision_phases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_reports" ADD CONSTRAINT "revision_reports_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revision_reports" ADD CONSTRAINT "revision_reports_by_unit_id_units_id_fk" FOREIGN KEY ("by_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_comments_version_id_at_index" ON "agreement_comments" USING btree ("version_id","at");--> statement-breakpoint
CREATE INDEX "agreement_sections_version_id_position_index" ON "agreement_sections" USING btree ("version_id","position");--> statement-breakpoint
CREATE INDEX "agreements_county_code_kind_index" ON "agreements" USING btree ("county_code","kind");--> statement-breakpoint
CREATE INDEX "agreements_parent_agreement_id_index" ON "agreements" USING btree ("parent_agreement_id");--> statement-breakpoint
CREATE INDEX "responsibility_rows_county_code_principal_kind_index" ON "responsibility_rows" USING btree ("county_code","principal_kind");--> statement-breakpoint
CREATE INDEX "responsibility_rows_agreement_id_position_index" ON "responsibility_rows" USING btree ("agreement_id","position");--> statement-breakpoint
CREATE INDEX "revision_change_requests_project_id_proposed_at_index" ON "revision_change_requests" USING btree ("project_id","proposed_at");--> statement-breakpoint
CREATE INDEX "revision_deliverables_project_id_position_index" ON "revision_deliverables" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "revision_phases_project_id_position_index" ON "revision_phases" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "revision_projects_county_code_index" ON "revision_projects" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "revision_reports_project_id_at_index" ON "revision_reports" USING btree ("project_id","at");