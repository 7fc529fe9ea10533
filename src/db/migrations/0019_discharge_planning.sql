-- Issue 25: discharge planning from inpatient care (samverkan vid utskrivning, SPU) under lag (2017:612) om
-- samverkan vid utskrivning från sluten hälso- och sjukvård: stays with their admission notice, the notified units,
-- readiness periods, expected dates, disputed paid days, and the payment rules as data with a history.
CREATE TABLE "discharge_day_disputes" (
	"stay_id" text NOT NULL,
	"day" date NOT NULL,
	"dispute_id" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by" text NOT NULL,
	CONSTRAINT "discharge_day_disputes_stay_id_day_pk" PRIMARY KEY("stay_id","day")
);
--> statement-breakpoint
CREATE TABLE "discharge_expected_dates" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"stay_id" text NOT NULL,
	"expected_ready_on" date NOT NULL,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discharge_payment_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text,
	"valid_from" date NOT NULL,
	"days_after_notice" integer NOT NULL,
	"day_kind" text NOT NULL,
	"daily_amount_sek" integer NOT NULL,
	"demo_amount" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "discharge_payment_rules_countyCode_validFrom_unique" UNIQUE NULLS NOT DISTINCT("county_code","valid_from")
);
--> statement-breakpoint
CREATE TABLE "discharge_readiness" (
	"id" text PRIMARY KEY NOT NULL,
	"stay_id" text NOT NULL,
	"judged_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
CREATE TABLE "discharge_stay_units" (
	"stay_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"kind" text NOT NULL,
	"notified_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"fast_vardkontakt" text,
	"preparation" text,
	"preparation_updated_at" timestamp with time zone,
	CONSTRAINT "discharge_stay_units_stay_id_unit_id_pk" PRIMARY KEY("stay_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "discharge_stays" (
	"id" text PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"person_id" text NOT NULL,
	"person_name" text NOT NULL,
	"inpatient_unit_id" text NOT NULL,
	"inpatient_principal_id" text NOT NULL,
	"municipality_principal_id" text NOT NULL,
	"admitted_at" timestamp with time zone NOT NULL,
	"notice_sent_at" timestamp with time zone NOT NULL,
	"expected_ready_on" date NOT NULL,
	"status" text NOT NULL,
	"sip_id" text,
	"sip_called_at" timestamp with time zone,
	"discharged_on" date,
	"information_transferred_on" date,
	"summary_care" text,
	"summary_sip_planned_on" date,
	"summary_existing_plans" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "discharge_day_disputes" ADD CONSTRAINT "discharge_day_disputes_stay_id_discharge_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."discharge_stays"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_day_disputes" ADD CONSTRAINT "discharge_day_disputes_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_expected_dates" ADD CONSTRAINT "discharge_expected_dates_stay_id_discharge_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."discharge_stays"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_payment_rules" ADD CONSTRAINT "discharge_payment_rules_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_readiness" ADD CONSTRAINT "discharge_readiness_stay_id_discharge_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."discharge_stays"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_readiness" ADD CONSTRAINT "discharge_readiness_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_readiness" ADD CONSTRAINT "discharge_readiness_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_stay_units" ADD CONSTRAINT "discharge_stay_units_stay_id_discharge_stays_id_fk" FOREIGN KEY ("stay_id") REFERENCES "public"."discharge_stays"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_stay_units" ADD CONSTRAINT "discharge_stay_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_stay_units" ADD CONSTRAINT "discharge_stay_units_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_stays" ADD CONSTRAINT "discharge_stays_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_stays" ADD CONSTRAINT "discharge_stays_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_stays" ADD CONSTRAINT "discharge_stays_inpatient_unit_id_units_id_fk" FOREIGN KEY ("inpatient_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_stays" ADD CONSTRAINT "discharge_stays_inpatient_principal_id_principals_id_fk" FOREIGN KEY ("inpatient_principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_stays" ADD CONSTRAINT "discharge_stays_municipality_principal_id_principals_id_fk" FOREIGN KEY ("municipality_principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discharge_stays" ADD CONSTRAINT "discharge_stays_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discharge_expected_dates_stay_id_index" ON "discharge_expected_dates" USING btree ("stay_id");--> statement-breakpoint
CREATE INDEX "discharge_readiness_stay_id_notified_at_index" ON "discharge_readiness" USING btree ("stay_id","notified_at");--> statement-breakpoint
CREATE INDEX "discharge_stay_units_unit_id_index" ON "discharge_stay_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "discharge_stays_county_code_status_index" ON "discharge_stays" USING btree ("county_code","status");--> statement-breakpoint
CREATE INDEX "discharge_stays_inpatient_unit_id_status_index" ON "discharge_stays" USING btree ("inpatient_unit_id","status");--> statement-breakpoint
CREATE INDEX "discharge_stays_municipality_principal_id_index" ON "discharge_stays" USING btree ("municipality_principal_id");--> statement-breakpoint
CREATE INDEX "discharge_stays_person_id_index" ON "discharge_stays" USING btree ("person_id");
--> statement-breakpoint
-- The law's own payment rule (county_code null), for every county whose agreement sets none (none of the four
-- seeds does: docs/decisions/0023-discharge-planning.md). Lag (2017:612) 5 kap. is the municipality's payment
-- responsibility; the three calendar days after the ready notice are the law's rule when region and municipality
-- have not agreed on another (for psychiatric inpatient care since 2019; during 2018 it was 30 days, prop.
-- 2017/18:12). The amount per day is the one Socialstyrelsen sets for each year under 5 kap. 6 § (förordningen
-- (2017:617); for 2019 HSLF-FS 2018:67 set 7 800 kr). The year's amount was not verified, so the figure below is a
-- DEMO VALUE (demo_amount true, labelled so on every page) for the county administrator to replace with a rule of
-- the county's own carrying the year's amount.
INSERT INTO "discharge_payment_rules" ("id", "county_code", "valid_from", "days_after_notice", "day_kind", "daily_amount_sek", "demo_amount", "source", "recorded_at")
VALUES ('law-2026-01-01', NULL, '2026-01-01', 3, 'calendar', 10500, true,
  'Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård 5 kap. (kommunens betalningsansvar): tre kalenderdagar efter underrättelsen om att patienten är utskrivningsklar, när region och kommun inte kommit överens om annat. Beloppet per vårddygn är Socialstyrelsens för året enligt 5 kap. 6 §; 10 500 kr är ett demovärde, inte årets belopp, och ska ersättas av länets administratör.',
  '2026-01-01T00:00:00Z');
