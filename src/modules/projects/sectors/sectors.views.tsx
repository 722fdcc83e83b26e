import { Form, type FormState, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { type CustomSector, sectorLabel } from "../labels.tsx";
import { NetworkSettingsHeading } from "../parts.tsx";
import { SECTORS } from "../schema.ts";

/** The network's own sectors, next to the built-in ones. */

export function SectorsPage(props: {
  ctx: PageContext;
  form: FormState;
  network: { slug: string; name: string };
  sectors: CustomSector[];
}) {
  const { ctx, form, network } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <NetworkSettingsHeading ctx={ctx} title={t("sector.title", { network: network.name })} intro={t("sector.intro")} />
      <h2 class="ds-heading" data-size="md">
        {t("sector.builtIn")}
      </h2>
      <ul class="ds-list">
        {SECTORS.map((s) => (
          <li key={s}>{sectorLabel(t, s, [])}</li>
        ))}
      </ul>
      <h2 class="ds-heading" data-size="md">
        {t("sector.own")}
      </h2>
      {props.sectors.length ? (
        <ul class="ds-list">
          {props.sectors.map((s) => (
            <li key={s.key}>{s.name}</li>
          ))}
        </ul>
      ) : (
        <p class="ds-paragraph">{t("sector.none")}</p>
      )}
      <Form ctx={ctx} form={form} action={`/n/${network.slug}/sectors`} submitLabel={t("sector.add")}>
        <TextField name="name" label={t("sector.name")} required />
      </Form>
    </>
  );
}
