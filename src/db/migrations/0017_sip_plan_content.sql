CREATE TABLE "sip_assessments" (
	"sip_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"area" text NOT NULL,
	"situation" text NOT NULL,
	"strengths" text DEFAULT '' NOT NULL,
	"wishes" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	CONSTRAINT "sip_assessments_sip_id_unit_id_area_pk" PRIMARY KEY("sip_id","unit_id","area")
);
--> statement-breakpoint
CREATE TABLE "sip_meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"sip_id" text NOT NULL,
	"held_on" date NOT NULL,
	"persons_participation" text NOT NULL,
	"participants" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sips" ADD COLUMN "plan_kind" text DEFAULT 'SIP' NOT NULL;--> statement-breakpoint
ALTER TABLE "sips" ADD COLUMN "evaluation_goals_met" text;--> statement-breakpoint
ALTER TABLE "sips" ADD COLUMN "evaluation_persons_view" text;--> statement-breakpoint
ALTER TABLE "sip_assessments" ADD CONSTRAINT "sip_assessments_sip_id_sips_id_fk" FOREIGN KEY ("sip_id") REFERENCES "public"."sips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_assessments" ADD CONSTRAINT "sip_assessments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_assessments" ADD CONSTRAINT "sip_assessments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_meetings" ADD CONSTRAINT "sip_meetings_sip_id_sips_id_fk" FOREIGN KEY ("sip_id") REFERENCES "public"."sips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_meetings" ADD CONSTRAINT "sip_meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sip_meetings_sip_id_held_on_index" ON "sip_meetings" USING btree ("sip_id","held_on");