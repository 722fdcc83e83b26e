import {
  CheckboxGroup,
  Form,
  type FormState,
  Link,
  Notice,
  Section,
  TableScroll,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { StrategyDetail } from "../strategies.service.ts";
import { TitleAndPeriodFields } from "../strategies.views.tsx";
import { type ThemeService, themeName } from "./themes.service.ts";

type Tagging = Awaited<ReturnType<ThemeService["tagging"]>>;
type Overlap = Awaited<ReturnType<ThemeService["overlap"]>>;

/**
 * One form for the themes of every focus area and goal. An untagged part comes with the themes its
 * text suggests already ticked, and says so; nothing is saved until the form is sent.
 */
export function ThemesFormPage(props: { ctx: PageContext; detail: StrategyDetail; tagging: Tagging; form?: FormState }) {
  const { ctx, detail, tagging } = props;
  const { t } = ctx.i18n;
  const options = tagging.themes.map((theme) => ({ value: String(theme.id), label: themeName(t, theme) }));
  const values: Record<string, string[]> = {};
  const suggested = new Set<string>();
  const tick = (name: string, themeId: number) => {
    values[name] = [...(values[name] ?? []), String(themeId)];
  };
  const fill = (prefix: string, tags: { id: number; themeId: number }[], suggestions: { id: number; themeId: number }[]) => {
    for (const x of tags) tick(`${prefix}${x.id}`, x.themeId);
    for (const x of suggestions) {
      tick(`${prefix}${x.id}`, x.themeId);
      suggested.add(`${prefix}${x.id}`);
    }
  };
  fill("a", tagging.areaTags, tagging.areaSuggestions);
  fill("g", tagging.goalTags, tagging.goalSuggestions);
  const form = props.form ?? { values, errors: [] };
  const parts = [
    ...detail.focusAreas.map((a) => ({ name: `a${a.id}`, label: t("themes.forFocusArea", { title: a.title }) })),
    ...detail.goals.map((g) => ({ name: `g${g.id}`, label: t("themes.forGoal", { title: g.title }) })),
  ];
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("themes.tagTitle", { title: detail.strategy.title })}
      </h1>
      <p class="ds-paragraph">{t("themes.tagIntro")}</p>
      {parts.length === 0 ? (
        <Notice>{t("themes.nothingToTag")}</Notice>
      ) : (
        <Form
          ctx={ctx}
          form={form}
          action={`/strategies/${detail.strategy.id}/themes`}
          submitLabel={t("common.save")}
          cancelHref={`/strategies/${detail.strategy.id}`}
        >
          {parts.map((p) => (
            <CheckboxGroup
              key={p.name}
              name={p.name}
              label={p.label}
              description={suggested.has(p.name) && !props.form ? t("themes.suggested") : undefined}
              options={options}
            />
          ))}
        </Form>
      )}
    </>
  );
}

/** Which themes appear in which members' strategies, most shared first, with the network's own themes. */
export function OverlapPage(props: {
  ctx: PageContext;
  network: { slug: string; name: string };
  overlap: Overlap;
  memberName: (organisationId: number) => string;
  canAddTheme: boolean;
  canStartShared: boolean;
  form: FormState;
  sharedForm: FormState;
}) {
  const { ctx, network, overlap } = props;
  const sharedForm = { ...props.sharedForm, idPrefix: "shared-" };
  const { t, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("themes.overlapTitle", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("themes.overlapIntro")}</p>
      <p class="ds-paragraph" role="status">
        {t("themes.overlapCount", { n: overlap.strategies.length })}
      </p>
      {overlap.strategies.length === 0 ? (
        <Notice>{t("themes.noStrategies")}</Notice>
      ) : (
        <TableScroll label={t("themes.overlapTitle", { network: network.name })}>
          <table class="ds-table" data-border data-size="sm">
            <thead>
              <tr>
                <th scope="col">{t("themes.theme")}</th>
                <th scope="col" class="numeric">
                  {t("themes.members")}
                </th>
                {overlap.strategies.map((s) => (
                  <th key={s.id} scope="col" class="numeric">
                    <Link href={`/strategies/${s.id}`}>{props.memberName(s.organisationId!)}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overlap.rows.map((r) => (
                <tr key={r.theme.id}>
                  <th scope="row">{themeName(t, r.theme)}</th>
                  <td class="numeric">
                    {t("themes.ofMembers", { n: number(r.members), of: number(overlap.strategies.length) })}
                  </td>
                  {overlap.strategies.map((s) => (
                    <td key={s.id} class="numeric">
                      {r.perStrategy.get(s.id) ?? "–"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {props.canStartShared && overlap.rows.length ? (
        <Section id="shared-heading" title={t("themes.startShared")}>
          <p class="ds-paragraph">{t("themes.startSharedIntro")}</p>
          <Form ctx={ctx} form={sharedForm} action={`/n/${network.slug}/strategies/shared`} submitLabel={t("themes.startShared")}>
            <TitleAndPeriodFields t={t} />
            <CheckboxGroup
              name="themeIds"
              label={t("themes.sharedThemes")}
              description={t("themes.sharedThemesHint")}
              options={overlap.rows.map((r) => ({
                value: String(r.theme.id),
                label: `${themeName(t, r.theme)} (${t("themes.ofMembers", { n: number(r.members), of: number(overlap.strategies.length) })})`,
              }))}
            />
          </Form>
        </Section>
      ) : null}
      {props.canAddTheme ? (
        <Section id="theme-heading" title={t("themes.add")}>
          <Form ctx={ctx} form={props.form} action={`/n/${network.slug}/strategies/themes`} submitLabel={t("themes.add")}>
            <TextField name="name" label={t("themes.name")} required />
            <TextField name="keywords" label={t("themes.keywords")} description={t("themes.keywordsHint")} />
          </Form>
        </Section>
      ) : null}
    </>
  );
}
