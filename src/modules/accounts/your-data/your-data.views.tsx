import { Facts, Form, type FormState, ItemList, Link, Section, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { NetworkAccessEntry } from "../accounts.service.ts";

export function MyDataPage(props: {
  ctx: PageContext;
  data: {
    account: { email: string; name: string; createdAt: Date };
    sessions: unknown[];
    invitations: unknown[];
    directoryEntries: unknown[];
    networkAccess: NetworkAccessEntry[];
    changesMade: unknown[];
  };
  form: FormState;
}) {
  const { ctx, data, form } = props;
  const { t, dateTime, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("mydata.title")}
      </h1>
      <p class="ds-paragraph">{t("mydata.intro")}</p>
      <Facts
        facts={[
          [t("people.name"), data.account.name],
          [t("auth.email"), data.account.email],
          [t("mydata.created"), dateTime(data.account.createdAt)],
          [t("sessions.title"), <Link href="/account/sessions">{number(data.sessions.length)}</Link>],
          [t("mydata.directoryEntries"), number(data.directoryEntries.length)],
          [t("invitations.title"), number(data.invitations.length)],
          [t("mydata.changesMade"), number(data.changesMade.length)],
        ]}
      />
      <Section id="access-heading" title={t("mydata.networkAccess")}>
        <ItemList
          items={data.networkAccess}
          empty={t("mydata.noNetworkAccess")}
          itemKey={(a) => a.slug}
          item={(a) => (
            <>
              <Link href={`/n/${a.slug}`}>{a.network}</Link>: {t(`access.role.${a.role}`)}
              {a.represents.length ? ` · ${t("access.represents")} ${a.represents.join(", ")}` : ""}
            </>
          )}
        />
      </Section>
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="secondary" href="/account/data.json" download>
          {t("mydata.download")}
        </a>
      </p>
      <Section id="delete-heading" title={t("mydata.deleteTitle")}>
        <p class="ds-paragraph">{t("mydata.deleteIntro")}</p>
        <Form ctx={ctx} form={form} action="/account/delete" submitLabel={t("mydata.deleteButton")}>
          <TextField name="confirmEmail" label={t("mydata.confirmEmail")} type="email" autocomplete="off" required />
        </Form>
      </Section>
    </>
  );
}
