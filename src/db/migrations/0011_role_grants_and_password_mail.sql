-- Issue 20 item 3. An administrator's grant of a role that reads person data (staff, manager, logReviewer), and
-- a move of such an account to another principal, are recorded for that principal's log reviewer. Append-only,
-- like the access log: refused at the database, whichever program or user connects.
CREATE TABLE "role_grants" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"county_code" text NOT NULL,
	"principal_id" text NOT NULL,
	"change" text NOT NULL,
	"roles" text[] NOT NULL,
	"admin_user_id" text NOT NULL,
	"admin_username" text NOT NULL,
	"admin_name" text NOT NULL,
	"account_user_id" text NOT NULL,
	"account_username" text NOT NULL,
	"account_name" text NOT NULL,
	"unit_id" text NOT NULL,
	"unit_name" text NOT NULL,
	"from_principal_id" text
);
--> statement-breakpoint
CREATE INDEX "role_grants_principal_id_at_index" ON "role_grants" USING btree ("principal_id","at");--> statement-breakpoint
CREATE FUNCTION role_grants_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'role_grants is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER role_grants_no_update_or_delete
  BEFORE UPDATE OR DELETE ON role_grants
  FOR EACH ROW EXECUTE FUNCTION role_grants_refuse_change();
--> statement-breakpoint
CREATE TRIGGER role_grants_no_truncate
  BEFORE TRUNCATE ON role_grants
  FOR EACH STATEMENT EXECUTE FUNCTION role_grants_refuse_change();
--> statement-breakpoint
-- A password link's token is made when its mail is sent, never stored in clear: the outbox holds the mail with
-- the link masked and the link's id; the link row gets the token's hash at sending. Links issued before keep
-- working: their id was the hash.
ALTER TABLE "password_links" ADD COLUMN "token_hash" text;--> statement-breakpoint
UPDATE "password_links" SET "token_hash" = "id";--> statement-breakpoint
ALTER TABLE "password_links" ADD CONSTRAINT "password_links_tokenHash_unique" UNIQUE("token_hash");--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "password_link_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_password_link_id_password_links_id_fk" FOREIGN KEY ("password_link_id") REFERENCES "public"."password_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Links already in the outbox were readable by administrators: they end, leave the outbox's text, and a mail
-- still waiting with one is not sent (an administrator sends a new link).
UPDATE "password_links" SET "expires_at" = least("expires_at", now())
  WHERE "used_at" IS NULL AND "token_hash" IN (
    SELECT encode(sha256(convert_to(m[1], 'UTF8')), 'hex')
    FROM "outbox", regexp_matches("body", '/losenord/([A-Za-z0-9_-]+)', 'g') AS m);--> statement-breakpoint
UPDATE "outbox" SET "attempts" = greatest("attempts", 5),
    "last_error" = 'Inte skickat: länken visades i utkorgen och har tagits bort. Skicka en ny länk.'
  WHERE "sent_at" IS NULL AND "body" ~ '/losenord/[A-Za-z0-9_-]+';--> statement-breakpoint
UPDATE "outbox" SET "body" = regexp_replace("body", '/losenord/[A-Za-z0-9_-]+', '/losenord/••••••••', 'g')
  WHERE "body" ~ '/losenord/[A-Za-z0-9_-]+';
