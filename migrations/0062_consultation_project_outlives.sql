ALTER TABLE "consultations" DROP CONSTRAINT "consultations_project_id_projects_id_fk";
