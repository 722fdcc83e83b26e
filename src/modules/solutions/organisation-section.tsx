import type { FastifyRequest } from "fastify";
import { Link, Section } from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import type { SolutionService } from "./solutions.service.ts";

/** The solutions an organisation uses, as a section of the organisation's page (the directory's). */
export async function organisationSolutionsSection(req: FastifyRequest, { organisation }: { organisation: { id: number } }) {
  const uses = await req.server.services.solutions.usedBy(organisation.id);
  const ctx = req.pageContext();
  const { t } = ctx.i18n;
  return (
    <Section id="uses-heading" title={t("org.uses")}>
      {uses.length === 0 ? (
        <p class="ds-paragraph">{t("org.usesNothing")}</p>
      ) : (
        <OrganisationSolutions ctx={ctx} solutions={uses} />
      )}
    </Section>
  );
}

/** What an organisation uses, for the organisation's page. */
function OrganisationSolutions(props: { ctx: PageContext; solutions: Awaited<ReturnType<SolutionService["usedBy"]>> }) {
  const { t, date } = props.ctx.i18n;
  return (
    <ul class="ds-list">
      {props.solutions.map((s) => (
        <li key={s.id}>
          <Link href={`/solutions/${s.id}`}>{s.name}</Link>
          {s.since ? ` ${t("solution.usedSince", { date: date(s.since) })}` : ""} ·{" "}
          <Link href={`/solutions/${s.id}#users-heading`}>
            {t("solution.whoElseShort")}
            <span class="ds-sr-only"> {s.name}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
