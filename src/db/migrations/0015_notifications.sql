-- Issue 23: notices by e-mail. Each piece of work that "Mitt arbete" shows, or that an event gives a unit or a
-- body, becomes a notification (once, by its key) with its mails in the same transaction; users choose at once,
-- a daily digest or none (the county's administrator sets the default); a unit may have a functional mailbox;
-- unsubscribing is per category. The outbox gets an HTML part, headers (List-Unsubscribe), attachments (the
-- meeting's calendar file), the Message-ID, a key per mail, and retries with back-off before a mail fails.
CREATE TABLE "notification_county_defaults" (
	"county_code" text PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"digest_hour" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "default_digest_hour" CHECK ("notification_county_defaults"."digest_hour" between 0 and 23)
);
--> statement-breakpoint
CREATE TABLE "notification_digest_items" (
	"user_id" text NOT NULL,
	"notification_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_digest_items_user_id_notification_id_pk" PRIMARY KEY("user_id","notification_id")
);
--> statement-breakpoint
CREATE TABLE "notification_digests" (
	"user_id" text NOT NULL,
	"day" date NOT NULL,
	"made_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_digests_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "notification_opt_outs" (
	"recipient_type" text NOT NULL,
	"recipient_id" text NOT NULL,
	"category" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_opt_outs_recipient_type_recipient_id_category_pk" PRIMARY KEY("recipient_type","recipient_id","category")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" text PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"digest_hour" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "preference_digest_hour" CHECK ("notification_preferences"."digest_hour" between 0 and 23)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"notice_id" text,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"county_code" text NOT NULL,
	"recipient_unit_id" text,
	"recipient_body_id" text,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"deadline" date,
	"path" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notifications_key_unique" UNIQUE("key"),
	CONSTRAINT "notifications_noticeId_unique" UNIQUE("notice_id"),
	CONSTRAINT "one_recipient" CHECK (("notifications"."recipient_unit_id" is null) <> ("notifications"."recipient_body_id" is null))
);
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "functional_mailbox" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "html" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "notification_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_county_defaults" ADD CONSTRAINT "notification_county_defaults_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_digest_items" ADD CONSTRAINT "notification_digest_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_digest_items" ADD CONSTRAINT "notification_digest_items_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_digests" ADD CONSTRAINT "notification_digests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_unit_id_units_id_fk" FOREIGN KEY ("recipient_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_body_id_governance_bodies_id_fk" FOREIGN KEY ("recipient_body_id") REFERENCES "public"."governance_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_county_code_created_at_index" ON "notifications" USING btree ("county_code","created_at");--> statement-breakpoint
CREATE INDEX "outbox_notification_id_index" ON "outbox" USING btree ("notification_id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_messageId_unique" UNIQUE("message_id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_dedupeKey_unique" UNIQUE("dedupe_key");--> statement-breakpoint
-- Mail given up on before (five attempts, or a dead password link) is marked failed, as the sender now does.
UPDATE "outbox" SET "failed_at" = now() WHERE "sent_at" IS NULL AND "attempts" >= 5;
