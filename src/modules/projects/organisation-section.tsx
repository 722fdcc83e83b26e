import type { FastifyRequest } from "fastify";
import { Section } from "../../platform/ui/components.tsx";
import { OrganisationProjects } from "./projects.views.tsx";

/** The projects an organisation takes part in, as a section of the organisation's page (the directory's). */
export async function organisationProjectsSection(req: FastifyRequest, { organisation }: { organisation: { id: number } }) {
  const projects = await req.server.services.projects.ofOrganisation(organisation.id, req.actor);
  const ctx = req.pageContext();
  const { t } = ctx.i18n;
  return (
    <Section id="projects-heading" title={t("org.projects")}>
      {projects.length === 0 ? (
        <p class="ds-paragraph">{t("org.noProjects")}</p>
      ) : (
        <OrganisationProjects ctx={ctx} projects={projects} />
      )}
    </Section>
  );
}
