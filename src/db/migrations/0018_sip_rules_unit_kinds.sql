-- Issue 22 (SIP rules): a unit's kind, so that only care and support units are parties to a SIP or a needs
-- inventory; and the guardians who consented for a person under 18.
ALTER TABLE "units" ADD COLUMN "kind" text DEFAULT 'care' NOT NULL;--> statement-breakpoint
ALTER TABLE "sip_consents" ADD COLUMN "guardians" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Existing units: a unit whose accounts hold no staff or manager role is not a care unit: a governance body's
-- unit when they are all governance members, otherwise administrative (county administrators, agreement
-- administrators, log reviewers). Units with a staff member or manager, and units without accounts, stay care
-- units; the county administrators correct any.
UPDATE "units" u SET "kind" = CASE
    WHEN EXISTS (SELECT 1 FROM "users" us JOIN "user_roles" r ON r."user_id" = us."id"
                 WHERE us."unit_id" = u."id" AND r."role" <> 'governance') THEN 'administration'
    ELSE 'governance' END
  WHERE EXISTS (SELECT 1 FROM "users" us WHERE us."unit_id" = u."id")
    AND NOT EXISTS (SELECT 1 FROM "users" us JOIN "user_roles" r ON r."user_id" = us."id"
                    WHERE us."unit_id" = u."id" AND r."role" IN ('staff', 'manager'));
