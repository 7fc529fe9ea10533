CREATE TABLE "sip_participants" (
	"sip_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"principal_id" text NOT NULL,
	CONSTRAINT "sip_participants_unit_id_principal_id_sip_id_pk" PRIMARY KEY("unit_id","principal_id","sip_id")
);
--> statement-breakpoint
ALTER TABLE "sip_participants" ADD CONSTRAINT "sip_participants_sip_id_sips_id_fk" FOREIGN KEY ("sip_id") REFERENCES "public"."sips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_participants" ADD CONSTRAINT "sip_participants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sip_participants" ADD CONSTRAINT "sip_participants_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sip_participants_sip_id_index" ON "sip_participants" USING btree ("sip_id");--> statement-breakpoint
-- Who takes part in each SIP that exists, as src/modules/sip/participation.ts writes it from now on: every unit
-- with an accepted or pending invitation and no decline sent after it, times every principal of a consent in force.
INSERT INTO "sip_participants" ("sip_id", "unit_id", "principal_id")
SELECT DISTINCT i.sip_id, i.unit_id, cp.principal_id
FROM "sip_invitations" i
JOIN "sip_consents" c ON c.sip_id = i.sip_id AND c.withdrawn_on IS NULL
JOIN "sip_consent_principals" cp ON cp.sip_id = i.sip_id
WHERE i.status IN ('accepted', 'pending')
  AND NOT EXISTS (SELECT 1 FROM "sip_invitations" d WHERE d.sip_id = i.sip_id AND d.unit_id = i.unit_id
                  AND d.status = 'declined' AND d.seq > i.seq);
