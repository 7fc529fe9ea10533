-- Written by hand (issue 20): a SIP keeps the person's name as its convening unit entered it, so no SIP shows a
-- name that another SIP, perhaps another principal's, registered. Existing SIPs keep the name they showed until now.
ALTER TABLE "sips" ADD COLUMN "person_name" text;--> statement-breakpoint
UPDATE "sips" SET "person_name" = "persons"."name" FROM "persons" WHERE "persons"."id" = "sips"."person_id";--> statement-breakpoint
ALTER TABLE "sips" ALTER COLUMN "person_name" SET NOT NULL;
