-- Issue 24: an e-ID login matched by identity number where the county chooses it. The county's choice (HSA-id,
-- the default, or identity number), and on each account its holder's identity number as a keyed hash
-- (HMAC-SHA-256 with a secret of app_secrets), unique where set; never the number itself.
ALTER TABLE "counties" ADD COLUMN "eid_match" text DEFAULT 'hsaId' NOT NULL;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "identity_number_hash" text;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_identityNumberHash_unique" UNIQUE("identity_number_hash");
