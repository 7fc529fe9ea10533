CREATE TABLE "counties" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"target_group_min_age" integer,
	"target_group_description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalation_level_bodies" (
	"county_code" text NOT NULL,
	"level" integer NOT NULL,
	"body_id" text NOT NULL,
	CONSTRAINT "escalation_level_bodies_county_code_level_body_id_pk" PRIMARY KEY("county_code","level","body_id")
);
--> statement-breakpoint
CREATE TABLE "escalation_levels" (
	"county_code" text NOT NULL,
	"level" integer NOT NULL,
	"label" text NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "escalation_levels_county_code_level_pk" PRIMARY KEY("county_code","level"),
	CONSTRAINT "level_positive" CHECK ("escalation_levels"."level" >= 1)
);
--> statement-breakpoint
CREATE TABLE "governance_bodies" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"source" text,
	CONSTRAINT "governance_bodies_countyCode_name_unique" UNIQUE("county_code","name")
);
--> statement-breakpoint
CREATE TABLE "governance_body_coverage" (
	"body_id" text NOT NULL,
	"principal_id" text NOT NULL,
	CONSTRAINT "governance_body_coverage_body_id_principal_id_pk" PRIMARY KEY("body_id","principal_id")
);
--> statement-breakpoint
CREATE TABLE "governance_body_members" (
	"body_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "governance_body_members_body_id_user_id_pk" PRIMARY KEY("body_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "principals" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"municipality_code" text,
	"contracted_by_principal_id" text,
	CONSTRAINT "principals_municipalityCode_unique" UNIQUE("municipality_code"),
	CONSTRAINT "municipality_code_shape" CHECK ("principals"."municipality_code" is null or "principals"."municipality_code" ~ '^[0-9]{4}$'),
	CONSTRAINT "municipality_has_code" CHECK (("principals"."kind" = 'municipality') = ("principals"."municipality_code" is not null))
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" text PRIMARY KEY NOT NULL,
	"principal_id" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "units_principalId_name_unique" UNIQUE("principal_id","name")
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "user_roles_user_id_role_pk" PRIMARY KEY("user_id","role")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" text NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" text PRIMARY KEY NOT NULL,
	"personal_identity_number" text NOT NULL,
	"identity_number_kind" text NOT NULL,
	"name" text NOT NULL,
	"protected_identity" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "persons_personalIdentityNumber_unique" UNIQUE("personal_identity_number")
);
--> statement-breakpoint
CREATE TABLE "access_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"user_id" text NOT NULL,
	"username" text NOT NULL,
	"unit_id" text NOT NULL,
	"principal_id" text NOT NULL,
	"county_code" text NOT NULL,
	"action" text NOT NULL,
	"person_id" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"reason" text,
	CONSTRAINT "action_known" CHECK ("access_log"."action" in ('read','create','update','print','export','disclose'))
);
--> statement-breakpoint
CREATE TABLE "app_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"succeeded" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"csrf_secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"county_code" text,
	"actor_user_id" text,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalation_level_bodies" ADD CONSTRAINT "escalation_level_bodies_body_id_governance_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."governance_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_levels" ADD CONSTRAINT "escalation_levels_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_bodies" ADD CONSTRAINT "governance_bodies_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_body_coverage" ADD CONSTRAINT "governance_body_coverage_body_id_governance_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."governance_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_body_coverage" ADD CONSTRAINT "governance_body_coverage_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_body_members" ADD CONSTRAINT "governance_body_members_body_id_governance_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."governance_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_body_members" ADD CONSTRAINT "governance_body_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principals" ADD CONSTRAINT "principals_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "principals_county_code_index" ON "principals" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "access_log_person_id_at_index" ON "access_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "access_log_principal_id_at_index" ON "access_log" USING btree ("principal_id","at");--> statement-breakpoint
CREATE INDEX "login_attempts_username_at_index" ON "login_attempts" USING btree ("username","at");--> statement-breakpoint
CREATE INDEX "sessions_user_id_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "events_type_at_index" ON "events" USING btree ("type","at");--> statement-breakpoint
CREATE INDEX "events_subject_type_subject_id_index" ON "events" USING btree ("subject_type","subject_id");