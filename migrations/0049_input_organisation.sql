ALTER TABLE "consultation_inputs" ADD COLUMN "organisation_id" integer;--> statement-breakpoint
ALTER TABLE "consultation_inputs" ADD CONSTRAINT "consultation_inputs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_inputs_organisation_idx" ON "consultation_inputs" USING btree ("organisation_id");--> statement-breakpoint
-- Inputs given before: the organisation named, a member of the consultation's network first.
UPDATE "consultation_inputs" AS i SET "organisation_id" = (
  SELECT o."id" FROM "organisations" o
  WHERE lower(trim(i."organisation")) IN (lower(o."name"), lower(o."name_norwegian"))
  ORDER BY EXISTS (
    SELECT 1 FROM "memberships" m JOIN "consultations" c ON c."network_id" = m."network_id"
    WHERE c."id" = i."consultation_id" AND m."organisation_id" = o."id"
  ) DESC, o."id"
  LIMIT 1
) WHERE i."organisation" IS NOT NULL;
