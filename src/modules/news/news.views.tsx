import type { FollowedRecord } from "../../platform/activity/followables.ts";
import {
  ButtonLink,
  CheckboxGroup,
  FileField,
  Form,
  FormPage,
  type FormPageProps,
  type FormState,
  Link,
  Notice,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  Tag,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { markdownToHtml } from "../../platform/ui/markdown.ts";
import { type NewsItem, type Newsletter, type NewsPicture, pictureHref } from "./news.repo.ts";
import type { OwnerPage } from "./owner.ts";
import { MOST_PICTURES } from "./schema.ts";

type Network = { slug: string; name: string };

/** A tag saying the item is kept to the network's people, where it is. */
function MembersOnly({ ctx, item }: { ctx: PageContext; item: NewsItem }) {
  return item.visibility === "network" ? (
    <>
      {" "}
      <Tag color="info">{ctx.i18n.t("news.membersOnly")}</Tag>
    </>
  ) : null;
}

/** A news item in a list: its title as a link, its day, and its introduction. */
export function NewsSummary({ ctx, item, level = 2 }: { ctx: PageContext; item: NewsItem; level?: 2 | 3 }) {
  const { t, date } = ctx.i18n;
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <article class="news-summary">
      <Heading class="ds-heading" data-size="xs">
        <Link href={`/news/${item.id}`}>{item.title}</Link>
      </Heading>
      <p class="ds-paragraph" data-size="sm">
        {item.state === "draft" ? (
          <Tag color="warning">{t("news.draft")}</Tag>
        ) : (
          <time dateTime={item.publishedAt?.toISOString()}>{date(item.publishedAt)}</time>
        )}
        <MembersOnly ctx={ctx} item={item} />
      </p>
      {item.intro ? <p class="ds-paragraph">{item.intro}</p> : null}
    </article>
  );
}

export function NewsListPage(props: {
  ctx: PageContext;
  owner: OwnerPage;
  items: NewsItem[];
  pagination: preact.ComponentChildren;
  canManage: boolean;
}) {
  const { ctx, owner } = props;
  const { t } = ctx.i18n;
  const network = owner.network;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("news.listTitle", { network: owner.name })}
      </h1>
      {props.canManage ? (
        <div class="button-row">
          <ButtonLink href={`${owner.newsHref}/new`}>{t("news.new")}</ButtonLink>
          {network ? (
            <ButtonLink href={`/n/${network.slug}/newsletters`} variant="secondary">
              {t("newsletter.manage")}
            </ButtonLink>
          ) : null}
        </div>
      ) : null}
      {network ? (
        <p class="ds-paragraph">
          <Link href={`/n/${network.slug}/newsletter`}>{t("newsletter.subscribeTitle", { network: network.name })}</Link>
        </p>
      ) : null}
      {props.items.length ? (
        props.items.map((item) => <NewsSummary key={item.id} ctx={ctx} item={item} />)
      ) : (
        <Notice>{t("news.none")}</Notice>
      )}
      {props.pagination}
    </>
  );
}

export function NewsPage(props: {
  ctx: PageContext;
  item: NewsItem;
  owner: OwnerPage;
  related: FollowedRecord[];
  pictures: NewsPicture[];
  canManage: boolean;
}) {
  const { ctx, item, owner } = props;
  const { t, date } = ctx.i18n;
  return (
    <article class="news-item">
      <h1 class="ds-heading" data-size="lg">
        {item.title}
      </h1>
      <p class="ds-paragraph" data-size="sm">
        {item.state === "published" ? (
          t("news.publishedOn", { date: date(item.publishedAt) })
        ) : (
          <Tag color="warning">{t("news.draft")}</Tag>
        )}
        {" · "}
        <Link href={owner.href}>{owner.name}</Link>
        {" · "}
        {t("news.by", { name: item.authorLabel })}
        <MembersOnly ctx={ctx} item={item} />
      </p>
      {item.state === "draft" ? <Notice kind="warning">{t("news.draftNotice")}</Notice> : null}
      {item.intro ? <p class="ds-paragraph lead">{item.intro}</p> : null}
      {props.pictures.map((p) => (
        <figure key={p.id} class="news-item__picture">
          <img src={pictureHref(p)} alt={p.alt} />
        </figure>
      ))}
      {/* Rendered from the safe Markdown subset: every character typed is escaped (markdown.ts). */}
      <div class="news-item__body" dangerouslySetInnerHTML={{ __html: markdownToHtml(item.body) }} />
      {props.related.length ? (
        <Section id="related-heading" title={t("news.related")}>
          <ul class="link-list">
            {props.related.map((r) => (
              <li key={`${r.kind}:${r.id}`}>
                <Link href={r.href}>{r.title}</Link>
                {r.network ? ` · ${r.network.name}` : ""}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {props.canManage ? (
        <div class="button-row">
          {item.state === "draft" ? <PostButton ctx={ctx} action={`/news/${item.id}/publish`} label={t("news.publish")} /> : null}
          <ButtonLink href={`/news/${item.id}/edit`} variant="secondary">
            {t("news.edit")}
          </ButtonLink>
          <PostButton ctx={ctx} action={`/news/${item.id}/delete`} label={t("news.delete")} variant="tertiary" />
        </div>
      ) : null}
    </article>
  );
}

/**
 * Writing a news item: its text, who reads it, its pictures (each kept one with its description and
 * a way to remove it, and one new one per save), and the records it is about.
 */
export function NewsFormPage(
  props: FormPageProps & { forSubjectNetwork: boolean; pictures: NewsPicture[]; hiddenRelated: number },
) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props} multipart>
      <TextField name="title" label={t("news.title")} required />
      <TextArea name="intro" label={t("news.intro")} description={t("news.introHint")} rows={3} />
      <TextArea name="body" label={t("news.body")} description={t("news.bodyHint")} rows={14} />
      <SelectField
        name="visibility"
        label={t("news.visibility")}
        description={props.forSubjectNetwork ? t("news.visibilityHintSubject") : t("news.visibilityHint")}
        required
        options={
          props.forSubjectNetwork
            ? [
                { value: "public", label: t("visibility.public") },
                { value: "network", label: t("news.subjectMembers") },
              ]
            : optionsOf(t, ["public", "network"] as const, "visibility")
        }
      />
      {props.pictures.map((p, i) => (
        <fieldset key={p.id} class="ds-fieldset news-form__picture">
          <legend class="ds-label">{t("news.pictureN", { n: i + 1 })}</legend>
          <img src={pictureHref(p)} alt={p.alt} class="news-form__thumbnail" />
          <TextField
            name={`pictureAlt-${p.id}`}
            label={t("news.pictureNAlt", { n: i + 1 })}
            description={t("news.imageAltHint")}
            required
          />
          <CheckboxGroup
            name={`removePicture-${p.id}`}
            label={t("news.removePictureN", { n: i + 1 })}
            options={[{ value: "1", label: t("news.removePictureN", { n: i + 1 }) }]}
          />
        </fieldset>
      ))}
      {props.pictures.length < MOST_PICTURES ? (
        <fieldset class="ds-fieldset">
          <legend class="ds-label">{props.pictures.length ? t("news.addPicture") : t("news.picture")}</legend>
          <FileField
            name="image"
            label={t("news.image")}
            description={t("news.imageHint", { max: MOST_PICTURES })}
            accept="image/png,image/jpeg"
          />
          <TextField name="imageAlt" label={t("news.imageAlt")} description={t("news.imageAltHint")} />
        </fieldset>
      ) : (
        <p class="ds-paragraph">{t("news.picturesFull", { max: MOST_PICTURES })}</p>
      )}
      <TextArea name="related" label={t("news.related")} description={t("news.relatedHint")} rows={4} />
      {props.hiddenRelated ? <p class="ds-paragraph">{t("news.relatedHidden", { n: props.hiddenRelated })}</p> : null}
    </FormPage>
  );
}

/** The newsletter's own page for a reader: subscribe with an address (one's own, when signed in, is filled in). */
export function SubscribePage(props: {
  ctx: PageContext;
  network: Network;
  form: FormState;
  done: "checkMail" | "subscribed" | null;
}) {
  const { ctx, network } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("newsletter.subscribeTitle", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("newsletter.subscribeIntro")}</p>
      {props.done ? (
        <Notice kind="success">{props.done === "checkMail" ? t("newsletter.checkMail") : t("newsletter.subscribedNow")}</Notice>
      ) : (
        <Form ctx={ctx} form={props.form} action={`/n/${network.slug}/newsletter`} submitLabel={t("newsletter.subscribe")}>
          <TextField name="email" label={t("newsletter.email")} type="email" required />
        </Form>
      )}
      <p class="ds-paragraph">
        <Link href={`/n/${network.slug}/news`}>{t("news.all", { network: network.name })}</Link>
      </p>
    </>
  );
}

/** The secretariat's newsletter page: who subscribes, a letter of the news not sent yet, and the letters sent. */
export function NewslettersPage(props: {
  ctx: PageContext;
  network: Network;
  counts: { confirmed: number; waiting: number };
  unsent: NewsItem[];
  sent: Newsletter[];
  form: FormState;
  sentNow: number | null;
}) {
  const { ctx, network } = props;
  const { t, dateTime, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("newsletter.sendTitle", { network: network.name })}
      </h1>
      {props.sentNow !== null ? <Notice kind="success">{t("newsletter.sent", { n: props.sentNow })}</Notice> : null}
      <p class="ds-paragraph">{t("newsletter.subscribers", props.counts)}</p>
      <Section id="compose-heading" title={t("newsletter.compose")}>
        {props.unsent.length ? (
          <Form ctx={ctx} form={props.form} action={`/n/${network.slug}/newsletters`} submitLabel={t("newsletter.send")}>
            <TextField name="subject" label={t("newsletter.subject")} required />
            <TextArea name="intro" label={t("newsletter.intro")} rows={3} />
            <CheckboxGroup
              name="itemIds"
              label={t("newsletter.items")}
              description={t("newsletter.itemsHint")}
              required
              options={props.unsent.map((i) => ({ value: String(i.id), label: i.title }))}
            />
          </Form>
        ) : (
          <p class="ds-paragraph">{t("newsletter.nothingToSend")}</p>
        )}
      </Section>
      <Section id="history-heading" title={t("newsletter.history")}>
        {props.sent.length ? (
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("newsletter.subject")}</th>
                <th scope="col">{t("newsletter.sentAt")}</th>
                <th scope="col">{t("newsletter.by")}</th>
                <th scope="col" class="numeric">
                  {t("newsletter.recipients")}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.sent.map((n) => (
                <tr key={n.id}>
                  <td>{n.subject}</td>
                  <td>{dateTime(n.sentAt)}</td>
                  <td>{n.sentByLabel}</td>
                  <td class="numeric">{number(n.recipients)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="ds-paragraph">{t("newsletter.none")}</p>
        )}
      </Section>
    </>
  );
}
