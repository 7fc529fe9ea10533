-- Issue 26: the person's own Sömlös. The access log takes rows by the person themself (actor 'person': their own
-- pages, consent and download), which name no user, unit or principal; every other row still names all three.
-- Adding a column and constraints is no UPDATE, so the append-only triggers of 0001 are not involved.
ALTER TABLE "access_log" ADD COLUMN "actor" text DEFAULT 'staff' NOT NULL;
--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "user_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "username" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "unit_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "access_log" ALTER COLUMN "principal_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "actor_known" CHECK ("access_log"."actor" in ('staff','person'));
--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "staff_row_names_user" CHECK ("access_log"."actor" = 'person' or ("access_log"."user_id" is not null and "access_log"."username" is not null and "access_log"."unit_id" is not null and "access_log"."principal_id" is not null));
--> statement-breakpoint
-- The person's sessions: a kind of its own, apart from staff sessions (platform/auth/person-schema.ts).
CREATE TABLE "person_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"login_method" text NOT NULL,
	"csrf_secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "person_sessions_person_id_index" ON "person_sessions" USING btree ("person_id");
--> statement-breakpoint
-- The history of a consent after it was given: withdrawn from one principal or all, relatives allowed or not, by
-- the convening unit's staff or by the person with e-ID.
CREATE TABLE "sip_consent_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"sip_id" text NOT NULL,
	"kind" text NOT NULL,
	"principal_id" text,
	"changed_on" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"recorded_by" text,
	"method" text
);
--> statement-breakpoint
ALTER TABLE "sip_consent_changes" ADD CONSTRAINT "sip_consent_changes_sip_id_sips_id_fk" FOREIGN KEY ("sip_id") REFERENCES "public"."sips"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sip_consent_changes" ADD CONSTRAINT "sip_consent_changes_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sip_consent_changes" ADD CONSTRAINT "sip_consent_changes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "sip_consent_changes_sip_id_seq_index" ON "sip_consent_changes" USING btree ("sip_id","seq");
