import { CheckboxGroup, Form, type FormState, Link, type Option } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { Consultation } from "../consultations.repo.ts";
import { InstantFields } from "../parts.tsx";

/** On a public consultation's page, for its secretariat: the review rounds that followed, and the form for a new one. */
export function ReviewsSection(props: {
  ctx: PageContext;
  base: string;
  reviews: Consultation[];
  bodies: Option[];
  form: FormState;
}) {
  const { ctx, form } = props;
  const { t, dateTime } = ctx.i18n;
  return (
    <section aria-labelledby="reviews-heading" class="no-print">
      <h2 class="ds-heading" data-size="md" id="reviews-heading">
        {t("consultation.reviews")}
      </h2>
      <p class="ds-paragraph">{t("consultation.reviewsIntro")}</p>
      {props.reviews.length ? (
        <ul>
          {props.reviews.map((r) => (
            <li key={r.id}>
              <Link href={`/consultations/${r.id}`}>{r.title}</Link> ({t("consultation.closes").toLowerCase()}{" "}
              {dateTime(r.closesAt)})
            </li>
          ))}
        </ul>
      ) : null}
      <details open={form.errors.length > 0}>
        <summary>{t("consultation.openReview")}</summary>
        <Form ctx={ctx} form={form} action={`${props.base}/reviews`} submitLabel={t("consultation.openReview")}>
          <CheckboxGroup name="bodyIds" label={t("consultation.reviewBodies")} options={props.bodies} />
          <InstantFields t={t} name="closes" />
        </Form>
      </details>
    </section>
  );
}
