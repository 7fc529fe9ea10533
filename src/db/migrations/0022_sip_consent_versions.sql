-- Issue 22 item 4: who gave a consent, and who gave each change of it (each a new version): the person, a
-- guardian (vårdnadshavare) for a child, or a legal representative (god man, förvaltare) with that mandate, with
-- the guardian's or representative's name. A consent recorded before: the person's, or for a child its guardians'
-- (their names as recorded); a change the person made with e-ID: the person's; a change the convening unit
-- recorded before: not known (null).
ALTER TABLE "sip_consent_changes" ADD COLUMN "given_by" text;
--> statement-breakpoint
ALTER TABLE "sip_consent_changes" ADD COLUMN "given_by_name" text;
--> statement-breakpoint
ALTER TABLE "sip_consents" ADD COLUMN "given_by" text DEFAULT 'person' NOT NULL;
--> statement-breakpoint
ALTER TABLE "sip_consents" ADD COLUMN "given_by_name" text;
--> statement-breakpoint
UPDATE "sip_consents" SET "given_by" = 'guardian',
  "given_by_name" = (SELECT string_agg(g->>'name', ', ') FROM jsonb_array_elements("guardians") AS g)
  WHERE jsonb_array_length("guardians") > 0;
--> statement-breakpoint
UPDATE "sip_consent_changes" SET "given_by" = 'person' WHERE "actor" = 'person';
