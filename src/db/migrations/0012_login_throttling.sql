-- Issue 20 item 4: login attempts are counted before the password is checked, per username at a client
-- address, per client address and per username, in windows (login_throttles); the addresses a user has logged
-- in from are remembered (login_known_clients). The per-attempt log it replaces was counted only after the check.
DROP TABLE "login_attempts";
--> statement-breakpoint
CREATE TABLE "login_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"attempts" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_known_clients" (
	"username" text NOT NULL,
	"client" text NOT NULL,
	"last_login_at" timestamp with time zone NOT NULL,
	CONSTRAINT "login_known_clients_username_client_pk" PRIMARY KEY("username","client")
);
--> statement-breakpoint
CREATE INDEX "login_throttles_window_started_at_index" ON "login_throttles" USING btree ("window_started_at");
--> statement-breakpoint
CREATE INDEX "login_known_clients_last_login_at_index" ON "login_known_clients" USING btree ("last_login_at");
