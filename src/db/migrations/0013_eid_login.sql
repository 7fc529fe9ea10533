-- Issue 24: logging in with e-ID over OpenID Connect. HSA-ids on units and users (unique where set), the last
-- login and its method per account, whether a county allows passwords, the method of each session (so logging
-- out can end the provider's session too), and the pending logins (state, nonce, PKCE verifier) kept in the
-- database so a callback is accepted once, on any instance, within ten minutes.
ALTER TABLE "units" ADD COLUMN "hsa_id" text;
--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_hsaId_unique" UNIQUE("hsa_id");
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "hsa_id" text;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_hsaId_unique" UNIQUE("hsa_id");
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_login_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_login_method" text;
--> statement-breakpoint
ALTER TABLE "counties" ADD COLUMN "password_login" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "login_method" text DEFAULT 'password' NOT NULL;
--> statement-breakpoint
CREATE TABLE "oidc_login_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"next" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "oidc_login_states_expires_at_index" ON "oidc_login_states" USING btree ("expires_at");
