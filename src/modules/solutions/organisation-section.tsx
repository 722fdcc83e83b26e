import type { FastifyRequest } from "fastify";
import { OrganisationSolutions } from "./solutions.views.tsx";

/** The solutions an organisation uses, as a section of the organisation's page (the directory's). */
export async function organisationSolutionsSection(req: FastifyRequest, { organisation }: { organisation: { id: number } }) {
  const uses = await req.server.services.solutions.repo.usedBy(organisation.id);
  const ctx = req.pageContext();
  const { t } = ctx.i18n;
  return (
    <section aria-labelledby="uses-heading">
      <h2 class="ds-heading" data-size="md" id="uses-heading">
        {t("org.uses")}
      </h2>
      {uses.length === 0 ? (
        <p class="ds-paragraph">{t("org.usesNothing")}</p>
      ) : (
        <OrganisationSolutions ctx={ctx} solutions={uses} />
      )}
    </section>
  );
}
