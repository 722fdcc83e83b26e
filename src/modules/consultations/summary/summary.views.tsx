import { LinkList, Section, TableScroll } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { inputStatusLabel, respondentLabel } from "../labels.ts";
import { InputAnswer, QuestionAnswers, sectionNames } from "../parts.tsx";
import type { Summary } from "./summary.service.ts";

/** The summary for the steering group: counts, then every input with its answer. Prints cleanly. */
export function SummaryPage(props: { ctx: PageContext; summary: Summary }) {
  const { ctx, summary: s } = props;
  const { t, number, dateTime } = ctx.i18n;
  const sectionName = sectionNames(s.sections, t);
  const base = `/consultations/${s.consultation.id}`;
  const table = (id: string, caption: string, rows: [string, number][]) => (
    <TableScroll label={caption}>
      <table class="ds-table" data-border data-size="sm" id={id}>
        <caption>{caption}</caption>
        <tbody>
          {rows.map(([label, n]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td class="numeric">{number(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
  return (
    <article class="print-document">
      <h1 class="ds-heading" data-size="lg">
        {t("consultation.summaryTitle", { title: s.consultation.title })}
      </h1>
      <p class="ds-paragraph">
        {t("consultation.summaryIntro", {
          n: number(s.total),
          spam: number(s.spam),
          opens: dateTime(s.consultation.opensAt),
          closes: dateTime(s.consultation.closesAt),
        })}
      </p>
      <p class="ds-paragraph no-print">
        <LinkList
          links={[
            { href: `${base}/inputs.xlsx`, label: t("consultation.downloadXlsx"), download: true },
            { href: `${base}/inputs.csv`, label: t("consultation.downloadCsv"), download: true },
          ]}
        />
      </p>
      <div class="summary-tables">
        {table(
          "by-section",
          t("consultation.bySection"),
          s.bySection.map(([id, n]) => [sectionName(id || null) ?? "", n]),
        )}
        {table(
          "by-category",
          t("consultation.byCategory"),
          s.byCategory.map(([c, n]) => [c || t("consultation.noCategory"), n]),
        )}
        {table(
          "by-respondent",
          t("consultation.byRespondent"),
          s.byRespondent.map(([k, n]) => [respondentLabel(t, k), n]),
        )}
        {table(
          "by-status",
          t("consultation.byStatus"),
          s.byStatus.map(([k, n]) => [inputStatusLabel(t, k), n]),
        )}
      </div>
      {s.byQuestion.length ? (
        <Section id="choices-heading" title={t("consultation.choiceAnswers")}>
          <div class="summary-tables">
            {s.byQuestion.map((c) =>
              table(`question-${c.question.id}`, c.question.text, [
                ...c.options.map(({ option, count }) => [option, count] as [string, number]),
                [t("consultation.noAnswer"), c.unanswered],
              ]),
            )}
          </div>
        </Section>
      ) : null}
      <h2 class="ds-heading" data-size="md">
        {t("consultation.inputs")}
      </h2>
      {s.inputs.map((i) => (
        <article key={i.id} class="stack input-card" aria-labelledby={`summary-${i.id}`}>
          <h3 class="ds-heading" data-size="xs" id={`summary-${i.id}`}>
            {i.reference} · {sectionName(i.sectionId)} · {respondentLabel(t, i.respondentKind)}
            {i.category ? ` · ${i.category}` : ""}
          </h3>
          <p class="ds-paragraph prewrap">{i.body}</p>
          <QuestionAnswers questions={s.questions} answers={i.answers} />
          <InputAnswer t={t} answer={i.answer} />
        </article>
      ))}
    </article>
  );
}
