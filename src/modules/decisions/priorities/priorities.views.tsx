import { labelFor } from "../../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  FormPage,
  type FormState,
  Link,
  Notice,
  type Option,
  SelectField,
  TableScroll,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { stateLabel } from "../../needs/index.ts";
import { phaseLabel } from "../../projects/index.ts";
import { PRIORITY_TRACKS, type PriorityTrack } from "../schema.ts";
import type { Candidate, PriorityService } from "./priorities.service.ts";

type View = Awaited<ReturnType<PriorityService["view"]>>;

/** "↑ 2", "↓ 1", "new" or "–": how a row moved since the ranking before. */
function Movement({ ctx, moved, hasPrevious }: { ctx: PageContext; moved: number | null; hasPrevious: boolean }) {
  const { t } = ctx.i18n;
  if (!hasPrevious) return <>–</>;
  if (moved === null) return <>{t("priority.new")}</>;
  if (moved === 0) return <>{t("priority.same")}</>;
  return moved > 0 ? (
    <span class="moved-up">{t("priority.up", { n: moved })}</span>
  ) : (
    <span class="moved-down">{t("priority.down", { n: -moved })}</span>
  );
}

export function PrioritiesPage(props: {
  ctx: PageContext;
  network: { slug: string; name: string };
  view: View;
  canRank: boolean;
  csvHref: string;
  xlsxHref: string;
}) {
  const { ctx, network, view } = props;
  const { t, date } = ctx.i18n;
  const form: FormState = { values: { ranking: view.current?.id }, errors: [] };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("priority.pageTitle", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("priority.intro")}</p>
      {props.canRank ? (
        <div class="button-row">
          <ButtonLink href={`/n/${network.slug}/priorities/rank`}>{t("priority.rank")}</ButtonLink>
        </div>
      ) : null}
      {view.current === null ? (
        <Notice>{t("priority.none")}</Notice>
      ) : (
        <>
          <form method="get" action={`/n/${network.slug}/priorities`} class="filters">
            <SelectField
              t={t}
              form={form}
              name="ranking"
              label={t("priority.decidedOn")}
              options={view.rankings.map((r) => ({ value: r.id, label: date(r.decidedOn) }))}
            />
            <div class="button-row">
              <button class="ds-button" data-variant="secondary" type="submit">
                {t("priority.show")}
              </button>
            </div>
          </form>
          <p class="ds-paragraph">
            {t("priority.decidedBy", { date: date(view.current.decidedOn), who: view.current.createdByLabel })}
            {view.previous ? ` ${t("priority.comparedWith", { date: date(view.previous.decidedOn) })}` : ""}{" "}
            <a class="ds-link" href={props.csvHref} download>
              {t("list.downloadCsv", { n: view.rows.length })}
            </a>
            {" · "}
            <a class="ds-link" href={props.xlsxHref} download>
              {t("list.downloadXlsx")}
            </a>
          </p>
          {view.current.note ? <p class="ds-paragraph prewrap">{view.current.note}</p> : null}
          {PRIORITY_TRACKS.map((track) => {
            const rows = view.rows.filter((r) => r.track === track);
            return (
              <section key={track} aria-labelledby={`track-${track}`}>
                <h2 class="ds-heading" data-size="md" id={`track-${track}`}>
                  {labelFor(t, "priority.track", track)}
                </h2>
                {rows.length === 0 ? (
                  <p class="ds-paragraph">{t("priority.emptyTrack")}</p>
                ) : (
                  <TableScroll label={labelFor(t, "priority.track", track)}>
                    <table class="ds-table" data-border>
                      <thead>
                        <tr>
                          <th scope="col">{t("priority.position")}</th>
                          <th scope="col">{t("need.title")}</th>
                          <th scope="col">{t("priority.kind")}</th>
                          <th scope="col">{t("need.state")}</th>
                          <th scope="col">{t("priority.movement")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((r) => (
                          <tr key={r.key}>
                            <td class="numeric">{r.position}</td>
                            <th scope="row">
                              <Link href={r.needId ? `/needs/${r.needId}` : `/projects/${r.projectId}`}>{r.title}</Link>
                            </th>
                            <td>{r.needId ? t("priority.kind.need") : t("priority.kind.project")}</td>
                            <td>
                              {r.needState ? stateLabel(t, r.needState) : r.projectPhase ? phaseLabel(t, r.projectPhase) : ""}
                            </td>
                            <td>
                              <Movement ctx={ctx} moved={r.moved} hasPrevious={view.previous !== null} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableScroll>
                )}
              </section>
            );
          })}
        </>
      )}
    </>
  );
}

/**
 * The ranking form: a number per row, each track apart. It works with numbers alone; with JavaScript
 * each row gets buttons to move it up or down, which renumber the track.
 */
export function RankPage(props: {
  ctx: PageContext;
  network: { slug: string; name: string };
  form: FormState;
  candidates: Candidate[];
  meetings: Option[];
}) {
  const { ctx, network, form } = props;
  const { t } = ctx.i18n;
  const value = (name: string, fallback: string) => {
    const v = form.values[name];
    return v === undefined || v === null ? fallback : String(v);
  };
  // Rows with a place come first, in its order; rows without one (or with no number) after them.
  const place = (c: Candidate) => {
    const typed = value(`rank_${c.key}`, c.rank === null ? "" : String(c.rank)).trim();
    return typed === "" || Number.isNaN(Number(typed)) ? Number.MAX_SAFE_INTEGER : Number(typed);
  };
  const trackOf = (c: Candidate) => value(`track_${c.key}`, c.track) as PriorityTrack;
  const errorFor = (name: string) => form.errors.find((e) => e.field === name);
  return (
    <>
      <FormPage
        ctx={ctx}
        form={form}
        title={t("priority.rank")}
        intro={<p class="ds-paragraph">{t("priority.rankIntro")}</p>}
        action={`/n/${network.slug}/priorities`}
        submitLabel={t("priority.save")}
        cancelHref={`/n/${network.slug}/priorities`}
      >
        <TextField name="decidedOn" label={t("priority.decidedOn")} type="date" width="short" required />
        {props.meetings.length ? (
          <SelectField
            name="meetingId"
            label={t("priority.meeting")}
            placeholder={t("meeting.noneChosen")}
            options={props.meetings}
          />
        ) : null}
        <TextArea name="note" label={t("priority.note")} rows={2} />
        {props.candidates.length === 0 ? <Notice>{t("priority.noCandidates")}</Notice> : null}
        {PRIORITY_TRACKS.map((track) => {
          const rows = props.candidates.filter((c) => trackOf(c) === track).sort((a, b) => place(a) - place(b));
          return (
            <fieldset
              class="ds-fieldset rank-track"
              key={track}
              data-up-label={t("priority.moveUp")}
              data-down-label={t("priority.moveDown")}
            >
              <legend class="ds-label">{labelFor(t, "priority.track", track)}</legend>
              <p class="ds-paragraph" data-size="sm">
                {t("priority.rankHint")}
              </p>
              <TableScroll label={labelFor(t, "priority.track", track)}>
                <table class="ds-table" data-border data-size="sm">
                  <thead>
                    <tr>
                      <th scope="col">{t("priority.position")}</th>
                      <th scope="col">{t("need.title")}</th>
                      <th scope="col">{t("priority.trackColumn")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((c) => {
                      const id = `field-rank_${c.key.replace(":", "-")}`;
                      const error = errorFor(`rank_${c.key}`);
                      return (
                        <tr key={c.key} class="rank-row">
                          <td>
                            <input
                              class="ds-input rank-input"
                              id={id}
                              name={`rank_${c.key}`}
                              inputMode="numeric"
                              value={value(`rank_${c.key}`, c.rank === null ? "" : String(c.rank))}
                              aria-labelledby={`${id}-label`}
                              aria-describedby={error ? `${id}-error` : undefined}
                              aria-invalid={error ? "true" : undefined}
                            />
                            {error ? (
                              <p class="ds-validation-message" data-color="danger" id={`${id}-error`}>
                                {t(error.key, error.params)}
                              </p>
                            ) : null}
                          </td>
                          <th scope="row" id={`${id}-label`}>
                            {c.title}
                            <span class="row-detail">
                              {c.kind === "need" ? t("priority.kind.need") : t("priority.kind.project")} · {c.detail}
                            </span>
                          </th>
                          <td>
                            <select
                              class="ds-input"
                              name={`track_${c.key}`}
                              aria-label={t("priority.trackFor", { title: c.title })}
                            >
                              {PRIORITY_TRACKS.map((tr) => (
                                <option key={tr} value={tr} selected={tr === track}>
                                  {labelFor(t, "priority.track", tr)}
                                </option>
                              ))}
                            </select>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableScroll>
            </fieldset>
          );
        })}
      </FormPage>
      <script type="module" src="/assets/rank.js" />
    </>
  );
}
