import { labelFor, type Translate } from "../../../platform/i18n/i18n.ts";
import { Link, Notice, TableScroll, Tag } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { MeetingService } from "../meetings/meetings.service.ts";
import type { Outcome } from "../schema.ts";

type Register = Awaited<ReturnType<MeetingService["register"]>>;

/** What a decision came to, as its label and as a coloured tag. */
export const outcomeLabel = (t: Translate, o: Outcome) => labelFor(t, "decision.outcome", o);
const OUTCOME_COLOURS: Record<Outcome, string> = {
  prioritised: "success",
  approved_as_project: "success",
  parked: "warning",
  rejected: "danger",
  other: "neutral",
};

export const OutcomeTag = ({ t, outcome }: { t: Translate; outcome: Outcome }) => (
  <Tag color={OUTCOME_COLOURS[outcome]}>{outcomeLabel(t, outcome)}</Tag>
);

export function RegisterPage(props: { ctx: PageContext; network: { slug: string; name: string }; rows: Register }) {
  const { ctx, network, rows } = props;
  const { t, date } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("decision.registerTitle", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("decision.registerIntro")}</p>
      {rows.length === 0 ? (
        <Notice>{t("decision.noneYet")}</Notice>
      ) : (
        <TableScroll label={t("decision.register")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("decision.date")}</th>
                <th scope="col">{t("meeting.itemTitle")}</th>
                <th scope="col">{t("decision.decision")}</th>
                <th scope="col">{t("decision.outcome")}</th>
                <th scope="col">{t("meeting.title")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.decision.id}>
                  <td>{date(r.decision.decidedOn)}</td>
                  <th scope="row">
                    {t("meeting.itemNumber", { n: r.itemNumber })}: {r.itemTitle}
                    {r.needId ? (
                      <span class="row-detail">
                        <Link href={`/needs/${r.needId}`}>{t("meeting.toNeed")}</Link>
                      </span>
                    ) : null}
                  </th>
                  <td class="prewrap">{r.decision.text}</td>
                  <td>
                    <OutcomeTag t={t} outcome={r.decision.outcome} />
                  </td>
                  <td>
                    <Link href={`/meetings/${r.decision.meetingId}`}>{r.meetingTitle}</Link>
                    <span class="row-detail">
                      {r.bodyName}, {r.minutesApproved ? t("meeting.approved") : t("meeting.notApproved")}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
