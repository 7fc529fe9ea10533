CREATE TABLE "sip_follow_ups" (
	"id" text PRIMARY KEY NOT NULL,
	"sip_id" text NOT NULL,
	"held_on" date NOT NULL,
	"plan_version" integer NOT NULL,
	"outcomes" jsonb NOT NULL,
	"next_follow_up_on" date,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"recipient_unit_id" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notices_key_unique" UNIQUE("key")
);
--> statement-breakpoint
ALTER TABLE "counties" ADD COLUMN "invitation_answer_working_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "sip_consents" ADD COLUMN "decision_participants" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sip_consents" ADD COLUMN "other_parties" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sip_invitations" ADD COLUMN "place" text;--> statement-breakpoint
ALTER TABLE "sip_invitations" ADD COLUMN "video_link" text;--> statement-breakpoint
ALTER TABLE "sip_invitations" ADD COLUMN "external_participants" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Written by hand: invitations made before this migration get a last answer day three days after they were sent.
ALTER TABLE "sip_invitations" ADD COLUMN "answer_by" date;--> statement-breakpoint
UPDATE "sip_invitations" SET "answer_by" = (("created_at" AT TIME ZONE 'Europe/Stockholm')::date + 3);--> statement-breakpoint
ALTER TABLE "sip_invitations" ALTER COLUMN "answer_by" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sip_invitations" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sips" ADD COLUMN "requested_by" text;--> statement-breakpoint
ALTER TABLE "sips" ADD COLUMN "has_children" boolean;--> statement-breakpoint
ALTER TABLE "sips" ADD COLUMN "overall_unit_id" text;--> statement-breakpoint
ALTER TABLE "sips" ADD COLUMN "follow_up_due_on" date;--> statement-breakpoint
ALTER TABLE "sip_follow_ups" ADD CONSTRAINT "sip_follow_ups_sip_id_sips_id_fk" FOREIGN KEY ("sip_id") REFERENCES "public"."sips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_follow_ups" ADD CONSTRAINT "sip_follow_ups_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sip_follow_ups_sip_id_held_on_index" ON "sip_follow_ups" USING btree ("sip_id","held_on");--> statement-breakpoint
CREATE INDEX "notices_recipient_unit_id_created_at_index" ON "notices" USING btree ("recipient_unit_id","created_at");--> statement-breakpoint
ALTER TABLE "sips" ADD CONSTRAINT "sips_overall_unit_id_units_id_fk" FOREIGN KEY ("overall_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sip_invitations_status_answer_by_index" ON "sip_invitations" USING btree ("status","answer_by");--> statement-breakpoint
CREATE INDEX "sips_overall_unit_id_follow_up_due_on_index" ON "sips" USING btree ("overall_unit_id","follow_up_due_on");--> statement-breakpoint
-- Written by hand: SIPs with a plan before this migration take overall unit and follow-up date from it.
UPDATE "sips" SET "overall_unit_id" = v."content"->'overallResponsibility'->>'unitId', "follow_up_due_on" = (v."content"->>'followUpOn')::date
FROM (SELECT DISTINCT ON ("sip_id") "sip_id", "content" FROM "sip_plan_versions" ORDER BY "sip_id", "version" DESC) v
WHERE v."sip_id" = "sips"."id";
