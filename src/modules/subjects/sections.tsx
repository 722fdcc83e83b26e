import type { FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { ButtonLink, Link, Section } from "../../platform/ui/components.tsx";
import type { ProjectPageProps } from "../projects/index.ts";
import { NoteList, ProjectReviews } from "./subjects.views.tsx";

/** The subject networks across the networks, on the networks' page (the networks module's). */
export async function networksSubjectsSection(req: FastifyRequest) {
  const { t } = req.i18n;
  const all = await req.server.services.subjects.list();
  return (
    <Section id="subject-networks-heading" title={t("subject.listTitle")}>
      <p class="ds-paragraph">{t("subject.intro")}</p>
      <ul class="ds-list">
        {all.map(({ subject }) => (
          <li key={subject.id}>
            <Link href={`/subject-networks/${subject.slug}`}>{subject.name}</Link>
          </li>
        ))}
      </ul>
      <div class="button-row">
        <ButtonLink href="/subject-networks">{t("subject.all")}</ButtonLink>
        <ButtonLink href="/experience">{t("experience.searchTitle")}</ButtonLink>
        <ButtonLink href="/questions">{t("question.searchTitle")}</ButtonLink>
      </div>
    </Section>
  );
}

/** The subject networks a network owns, on the network's page (the networks module's). */
export async function networkSubjectsSection(req: FastifyRequest, { network }: { network: { id: number } }) {
  const { t } = req.i18n;
  const owned = await req.server.services.subjects.ownedBy(network.id);
  if (!owned.length) return null;
  return (
    <Section id="subject-networks-heading" title={t("subject.listTitle")}>
      <ul class="ds-list">
        {owned.map(({ subject }) => (
          <li key={subject.id}>
            <Link href={`/subject-networks/${subject.slug}`}>{subject.name}</Link>
          </li>
        ))}
      </ul>
      <ButtonLink href="/subject-networks">{t("subject.all")}</ButtonLink>
    </Section>
  );
}

/** On a project's page: the experience written about it, its quality-assurance reviews, and asking for one. */
export async function projectSubjectsSection(req: FastifyRequest, { project, resource }: ProjectPageProps) {
  const { t } = req.i18n;
  const { subjects } = req.server.services;
  const [notes, reviews] = await Promise.all([
    subjects.notes(req.actor, { projectId: project.id, limit: 20 }),
    subjects.reviews(req.actor, { projectId: project.id }),
  ]);
  const mayAsk = can(req.actor, "subject.requestReview", resource);
  return (
    <>
      {notes.length ? (
        <Section id="project-experience-heading" title={t("experience.title")}>
          <NoteList ctx={req.pageContext()} rows={notes} showSubject />
        </Section>
      ) : null}
      {reviews.length || mayAsk ? (
        <ProjectReviews ctx={req.pageContext()} projectId={project.id} rows={reviews} mayAsk={mayAsk} />
      ) : null}
    </>
  );
}

/** On a solution's page: the experience written about it. */
export async function solutionSubjectsSection(req: FastifyRequest, { solution }: { solution: { id: number } }) {
  const notes = await req.server.services.subjects.notes(req.actor, { solutionId: solution.id, limit: 20 });
  if (!notes.length) return null;
  return (
    <Section id="solution-experience-heading" title={req.i18n.t("experience.title")}>
      <NoteList ctx={req.pageContext()} rows={notes} showSubject />
    </Section>
  );
}
