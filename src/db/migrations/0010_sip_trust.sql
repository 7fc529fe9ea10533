-- Written by hand (issue 20): a SIP keeps the person's name as its convening unit entered it, so no SIP shows a
-- name that another SIP, perhaps another principal's, registered. Existing SIPs keep the name they showed until now.
ALTER TABLE "sips" ADD COLUMN "person_name" text;--> statement-breakpoint
UPDATE "sips" SET "person_name" = "persons"."name" FROM "persons" WHERE "persons"."id" = "sips"."person_id";--> statement-breakpoint
ALTER TABLE "sips" ALTER COLUMN "person_name" SET NOT NULL;--> statement-breakpoint
-- The order invitations were sent in: the answer to a unit's newest answered invitation decides whether it takes
-- part (declining a later meeting puts it out, accepting a later one brings it back), and an invitation sent after
-- its decline lets it read again, even when all happened at the same instant. Existing invitations are numbered
-- in the order they were sent.
ALTER TABLE "sip_invitations" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
UPDATE "sip_invitations" SET "seq" = "sent"."n"
FROM (SELECT "id", row_number() OVER (ORDER BY "created_at", "id") AS "n" FROM "sip_invitations") AS "sent"
WHERE "sent"."id" = "sip_invitations"."id";--> statement-breakpoint
CREATE INDEX "sip_invitations_sip_id_unit_id_seq_index" ON "sip_invitations" USING btree ("sip_id","unit_id","seq");
