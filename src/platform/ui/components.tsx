import { type ComponentChildren, createContext, Fragment, type HTMLAttributes, h } from "preact";
import { useContext } from "preact/hooks";
import { renderToString } from "preact-render-to-string";

import type { FieldError } from "../http/errors.ts";
import { type KeySuffix, labelFor, type Translate } from "../i18n/i18n.ts";
import type { AuditAction } from "../schema.ts";
import type { PageContext } from "./context.ts";

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      /** Designsystemet's web component (@digdir/designsystemet-web). */
      "ds-error-summary": HTMLAttributes<HTMLElement>;
    }
  }
}

/** What a form re-renders with: the user's own input and the problems found in it. */
export interface FormState {
  values: Record<string, unknown>;
  errors: FieldError[];
  /** Keeps field ids unique where a page has several forms with the same field names. */
  idPrefix?: string;
}
export const emptyForm = (values: Record<string, unknown> = {}): FormState => ({ values, errors: [] });
/** A posted form coming back with its problems: what the user sent is shown again, never lost. */
export const submittedForm = (body: unknown, errors: FieldError[]): FormState => ({
  values: (body ?? {}) as Record<string, unknown>,
  errors,
});

/**
 * A posted form with a file coming back with its problems: what was typed is shown again, the file is
 * left out (a browser never puts a file back into a form).
 */
export const submittedFileForm = (body: unknown, errors: FieldError[]): FormState => {
  const { file: _file, ...typed } = (body ?? {}) as Record<string, unknown>;
  return submittedForm(typed, errors);
};

const fieldId = (name: string, prefix = "") => `field-${prefix}${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
const errorFor = (form: FormState, name: string) => form.errors.find((e) => e.field === name);
const fieldValue = (form: FormState, name: string): string => {
  const v = form.values[name];
  return v === null || v === undefined ? "" : String(v);
};
const message = (t: Translate, e: FieldError) => t(e.key, e.params);

/**
 * The labels of the fields rendered while a form's fields are drawn, by field id: every field
 * component names itself here, so the error summary can name each field by its visible label
 * without any form repeating its labels (decision 0023). Rendering is synchronous, so one
 * collector at a time is enough.
 */
let labelCollector: Map<string, string> | null = null;
const rememberLabel = (id: string, label: string) => {
  if (labelCollector && !labelCollector.has(id)) labelCollector.set(id, label);
};

/**
 * The form and language that fields inside a `Form` (or a `FilterForm`, or a `FormScope`) take when they
 * are not given their own: a field names only what is its own (name, label, description).
 */
interface Scope {
  t: Translate;
  form: FormState;
}
const ScopeContext = createContext<Scope | null>(null);
export function FormScope(props: Scope & { children: ComponentChildren }) {
  return <ScopeContext.Provider value={{ t: props.t, form: props.form }}>{props.children}</ScopeContext.Provider>;
}

/** A field's props with the form and language filled in from the scope it is drawn in. */
function scoped<P extends FieldProps>(props: P): P & Scope {
  const scope = useContext(ScopeContext);
  const t = props.t ?? scope?.t;
  const form = props.form ?? scope?.form;
  if (!t || !form) throw new Error(`field ${props.name} is drawn outside a form and was given no form`);
  return { ...props, t, form };
}

/** Renders a form's fields first, so their labels are known before the summary above them is drawn. */
export function renderCollectingLabels(children: ComponentChildren): { html: string; labels: Map<string, string> } {
  const previous = labelCollector;
  const labels = new Map<string, string>();
  labelCollector = labels;
  try {
    return { html: renderToString(h(Fragment, null, children)), labels };
  } finally {
    labelCollector = previous;
  }
}

/**
 * GOV.UK-style summary at the top of a form: every problem, each naming its field by its label
 * ("Title: Fill in this field.") and linking to it. `labels` are the field labels by field id.
 */
export function ErrorSummary({ form, t, labels }: { form: FormState; t: Translate; labels?: ReadonlyMap<string, string> }) {
  if (form.errors.length === 0) return null;
  const line = (e: FieldError) => {
    const label = labels?.get(fieldId(e.field, form.idPrefix));
    return label ? t("form.errorSummaryLine", { label, message: message(t, e) }) : message(t, e);
  };
  return (
    // <ds-error-summary> takes focus when it appears (GOV.UK's pattern) once its script has loaded;
    // without JavaScript it is a plain block with the same links.
    <ds-error-summary class="ds-error-summary" data-color="danger" tabIndex={-1} id="error-summary">
      <h2 class="ds-heading" data-size="xs">
        {t("form.errorSummaryTitle")}
      </h2>
      <ul class="ds-list">
        {form.errors.map((e, i) => (
          // A field can have several problems (a file checked against a standard lists them all).
          <li key={`${e.field}-${i}`}>
            {/* A problem of the whole form ("_") names no field to go to. */}
            {e.field === "_" ? (
              line(e)
            ) : (
              <a class="ds-link" href={`#${fieldId(e.field, form.idPrefix)}`}>
                {line(e)}
              </a>
            )}
          </li>
        ))}
      </ul>
      <script type="module" src="/assets/ds-web/error-summary/error-summary.js" />
    </ds-error-summary>
  );
}

export function Form(props: {
  ctx: PageContext;
  form: FormState;
  action: string;
  submitLabel: string;
  children: ComponentChildren;
  cancelHref?: string;
  /** For forms with a file field. */
  multipart?: boolean;
  /**
   * Keeps what was typed in the tab when the post is lost on the way (drafts.js). File forms always
   * do (a file over the limit is a 413); a text form only where people write at length (a text
   * form is read up to 4 MB, so elsewhere an over-long field comes back in the form instead), so
   * pages that need no script load none.
   */
  keepsDrafts?: boolean;
}) {
  const { t } = props.ctx.i18n;
  const children = (
    <FormScope t={t} form={props.form}>
      {props.children}
    </FormScope>
  );
  // The fields are drawn before the summary above them, so the summary knows their labels.
  const fields = props.form.errors.length ? renderCollectingLabels(children) : null;
  const head = (
    <>
      <ErrorSummary form={props.form} t={t} {...(fields ? { labels: fields.labels } : {})} />
      <p class="ds-paragraph" data-size="sm">
        {t("form.requiredHint")}
      </p>
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken()} />
      {props.multipart || props.keepsDrafts ? <script type="module" src="/assets/drafts.js" /> : null}
    </>
  );
  const buttons = (
    <div class="button-row">
      <button class="ds-button" data-variant="primary" type="submit">
        {props.submitLabel}
      </button>
      {props.cancelHref ? (
        <ButtonLink href={props.cancelHref} variant="tertiary">
          {t("form.cancel")}
        </ButtonLink>
      ) : null}
    </div>
  );
  const attributes = {
    method: "post",
    action: props.action,
    novalidate: true,
    class: "stack",
    enctype: props.multipart ? "multipart/form-data" : undefined,
  } as const;
  if (!fields)
    return (
      <form {...attributes}>
        {head}
        {children}
        {buttons}
      </form>
    );
  return (
    <form
      {...attributes}
      // Markup rendered (and escaped) by preact-render-to-string just above.
      dangerouslySetInnerHTML={{ __html: renderToString(head) + fields.html + renderToString(buttons) }}
    />
  );
}

/** What a page that is one record's form is given: where it posts, its title, where cancel goes. */
export interface FormPageProps {
  ctx: PageContext;
  form: FormState;
  action: string;
  title: string;
  cancelHref: string;
}

/**
 * A page that is one record's form under its title, saved or cancelled (a project, a need, a meeting);
 * `intro` stands between the title and the form (what the form is for, a notice).
 */
export function FormPage(
  props: FormPageProps & { intro?: ComponentChildren; submitLabel?: string; multipart?: boolean; children: ComponentChildren },
) {
  const { ctx } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      {props.intro}
      <Form
        ctx={ctx}
        form={props.form}
        action={props.action}
        submitLabel={props.submitLabel ?? ctx.i18n.t("common.save")}
        cancelHref={props.cancelHref}
        {...(props.multipart ? { multipart: true } : {})}
      >
        {props.children}
      </Form>
    </>
  );
}

interface FieldProps {
  /** Taken from the enclosing form when not given. */
  t?: Translate | undefined;
  /** Taken from the enclosing form when not given. */
  form?: FormState | undefined;
  name: string;
  label: string;
  description?: string | undefined;
  required?: boolean | undefined;
}

function FieldFrame(
  props: FieldProps & Scope & { children: (a: { id: string; describedBy?: string; invalid: boolean }) => ComponentChildren },
) {
  const id = fieldId(props.name, props.form.idPrefix);
  rememberLabel(id, props.label);
  const error = errorFor(props.form, props.name);
  const describedBy = [props.description ? `${id}-description` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {props.description ? (
        <div class="ds-paragraph" data-field="description" data-size="sm" id={`${id}-description`}>
          {props.description}
        </div>
      ) : null}
      {props.children({ id, invalid: Boolean(error), ...(describedBy ? { describedBy } : {}) })}
      {error ? (
        <p class="ds-validation-message" data-color="danger" id={`${id}-error`}>
          {message(props.t, error)}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(
  given: FieldProps & { type?: string; autocomplete?: string; inputMode?: string; width?: "short" | "full" },
) {
  const props = scoped(given);
  return (
    <FieldFrame {...props}>
      {({ id, describedBy, invalid }) => (
        <input
          class={`ds-input${props.width === "short" ? " input--short" : ""}`}
          id={id}
          name={props.name}
          type={(props.type ?? "text") as "text"}
          value={fieldValue(props.form, props.name)}
          required={props.required}
          aria-describedby={describedBy}
          aria-invalid={invalid ? "true" : undefined}
          autocomplete={props.autocomplete}
          inputMode={props.inputMode as "numeric" | undefined}
        />
      )}
    </FieldFrame>
  );
}

/** A number (a year, a count, an amount): a short field that brings up a phone's number keyboard. */
export function NumberField(given: FieldProps & { decimal?: boolean }) {
  const { decimal, ...props } = given;
  return <TextField {...props} inputMode={decimal ? "decimal" : "numeric"} width="short" />;
}

/**
 * A moment in Norway's time as a date field and a time field side by side, named `<name>Date` and
 * `<name>Time` (a consultation's opening, a gathering's start); the service joins them (osloInstant).
 */
export function InstantFields(props: {
  name: string;
  dateLabel: string;
  timeLabel: string;
  timeHint: string;
  description?: string;
  required?: boolean;
}) {
  return (
    <div class="field-pair">
      <TextField
        name={`${props.name}Date`}
        label={props.dateLabel}
        description={props.description}
        type="date"
        width="short"
        required={props.required}
      />
      <TextField
        name={`${props.name}Time`}
        label={props.timeLabel}
        description={props.timeHint}
        width="short"
        required={props.required}
      />
    </div>
  );
}

/** A file to upload; the browser never refills it, so a form coming back with errors asks for it again. */
export function FileField(given: FieldProps & { accept: string }) {
  const props = scoped(given);
  return (
    <FieldFrame {...props}>
      {({ id, describedBy, invalid }) => (
        <input
          class="ds-input"
          id={id}
          name={props.name}
          type="file"
          accept={props.accept}
          required={props.required}
          aria-describedby={describedBy}
          aria-invalid={invalid ? "true" : undefined}
        />
      )}
    </FieldFrame>
  );
}

export function TextArea(given: FieldProps & { rows?: number }) {
  const props = scoped(given);
  return (
    <FieldFrame {...props}>
      {({ id, describedBy, invalid }) => (
        <textarea
          class="ds-input"
          id={id}
          name={props.name}
          rows={props.rows ?? 4}
          required={props.required}
          aria-describedby={describedBy}
          aria-invalid={invalid ? "true" : undefined}
        >
          {fieldValue(props.form, props.name)}
        </textarea>
      )}
    </FieldFrame>
  );
}

export interface Option {
  value: string | number;
  label: string;
}

export function SelectField(given: FieldProps & { options: Option[]; placeholder?: string; width?: "short" | "full" }) {
  const props = scoped(given);
  const current = fieldValue(props.form, props.name);
  return (
    <FieldFrame {...props}>
      {({ id, describedBy, invalid }) => (
        <select
          class={`ds-input${props.width === "short" ? " input--short" : ""}`}
          id={id}
          name={props.name}
          required={props.required}
          aria-describedby={describedBy}
          aria-invalid={invalid ? "true" : undefined}
        >
          {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
          {props.options.map((o) => (
            <option key={o.value} value={String(o.value)} selected={String(o.value) === current}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/**
 * The options of a fixed set of values (phases, kinds, roles) in their order, each named by its label:
 * a labelling function `(t, value)` (`phaseLabel`), or the prefix of the values' message keys (as in
 * `labelFor`).
 */
export function optionsOf<V extends string | number>(
  t: Translate,
  values: readonly V[],
  label: (t: Translate, value: V) => string,
): Option[];
export function optionsOf<P extends string>(t: Translate, values: readonly KeySuffix<P>[], prefix: P): Option[];
export function optionsOf(t: Translate, values: readonly string[], label: string | ((t: Translate, value: string) => string)) {
  return values.map((value) => ({
    value,
    label: typeof label === "string" ? labelFor(t, label, value as never) : label(t, value),
  }));
}

/** A list's filter by one value: a select whose empty first choice is "All" (no filter) unless it names another. */
export function FilterSelect(given: FieldProps & { options: Option[]; placeholder?: string }) {
  const props = scoped(given);
  return <SelectField {...props} placeholder={props.placeholder ?? props.t("list.all")} />;
}

/**
 * One of a few values as radio buttons in a fieldset (a survey's scale or choices): works without
 * script, named by its legend in the error summary like any field.
 */
export function RadioGroup(given: FieldProps & { options: Option[]; inline?: boolean }) {
  const props = scoped(given);
  const current = fieldValue(props.form, props.name);
  const id = fieldId(props.name, props.form.idPrefix);
  rememberLabel(id, props.label);
  const error = errorFor(props.form, props.name);
  const describedBy = [props.description ? `${id}-description` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <fieldset class="ds-fieldset" id={id} aria-describedby={describedBy || undefined}>
      <legend class="ds-label">
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {props.description ? (
        <p class="ds-paragraph" data-size="sm" id={`${id}-description`}>
          {props.description}
        </p>
      ) : null}
      <div class={props.inline ? "radio-row" : undefined}>
        {props.options.map((o) => (
          <div class="ds-field" key={o.value}>
            <input
              class="ds-input"
              type="radio"
              id={`${id}-${o.value}`}
              name={props.name}
              value={String(o.value)}
              checked={String(o.value) === current}
              aria-invalid={error ? "true" : undefined}
            />
            <label class="ds-label" for={`${id}-${o.value}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
      {error ? (
        <p class="ds-validation-message" data-color="danger" id={`${id}-error`}>
          {message(props.t, error)}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Checkboxes in a fieldset; the form value is an array of the checked values. */
export function CheckboxGroup(given: FieldProps & { options: Option[] }) {
  const props = scoped(given);
  const raw = props.form.values[props.name];
  const checked = new Set((Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map(String));
  const id = fieldId(props.name, props.form.idPrefix);
  rememberLabel(id, props.label);
  const error = errorFor(props.form, props.name);
  return (
    <fieldset class="ds-fieldset" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend class="ds-label">{props.label}</legend>
      {props.description ? (
        <p class="ds-paragraph" data-size="sm">
          {props.description}
        </p>
      ) : null}
      <div class="checkbox-columns">
        {props.options.map((o) => (
          <div class="ds-field" key={o.value}>
            <input
              class="ds-input"
              type="checkbox"
              id={`${id}-${o.value}`}
              name={props.name}
              value={String(o.value)}
              checked={checked.has(String(o.value))}
            />
            <label class="ds-label" for={`${id}-${o.value}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
      {error ? (
        <p class="ds-validation-message" data-color="danger" id={`${id}-error`}>
          {message(props.t, error)}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * A list's filters: a search landmark holding a GET form, so every filtered view is a link, with
 * the button that applies the filters and, where given, one that clears them.
 */
export function FilterForm(props: {
  t: Translate;
  action: string;
  resetHref?: string;
  /** The filters in force: the fields inside take their values from here when given no form. */
  values?: Record<string, unknown>;
  /** The filters as sent, with their problems (a date that is no date): summarised above the fields. */
  form?: FormState;
  children: ComponentChildren;
  /** More buttons after the two, for example "New organisation". */
  extra?: ComponentChildren;
  /** The landmark's name and the button's text, where the form is more than a list's filters (the site search). */
  label?: string;
  submitLabel?: string;
}) {
  const { t } = props;
  const form = props.form ?? emptyForm(props.values);
  const children = (
    <FormScope t={t} form={form}>
      {props.children}
    </FormScope>
  );
  // As in Form: the fields are drawn first, so the summary names each by its label.
  const fields = form.errors.length ? renderCollectingLabels(children) : null;
  return (
    <search aria-label={props.label ?? t("list.filters")}>
      {fields ? <ErrorSummary form={form} t={t} labels={fields.labels} /> : null}
      <form method="get" action={props.action} class="filters">
        {fields ? (
          // Markup rendered (and escaped) by preact-render-to-string just above; its fields stay the grid's items.
          <div class="filters__fields" dangerouslySetInnerHTML={{ __html: fields.html }} />
        ) : (
          children
        )}
        <div class="button-row">
          <button class="ds-button" data-variant="primary" type="submit">
            {props.submitLabel ?? t("list.filter")}
          </button>
          {props.resetHref ? (
            <ButtonLink href={props.resetHref} variant="tertiary">
              {t("list.reset")}
            </ButtonLink>
          ) : null}
          {props.extra}
        </div>
      </form>
    </search>
  );
}

/** Page links that keep every other query parameter, so a view can be shared as a link. */
export function Pagination(props: { t: Translate; url: string; total: number; limit: number; offset: number }) {
  const { t, total, limit, offset } = props;
  const pages = Math.ceil(total / limit);
  if (pages <= 1) return null;
  const current = Math.floor(offset / limit) + 1;
  const href = (page: number) => {
    const u = new URL(props.url, "http://x");
    u.searchParams.set("page", String(page));
    return `${u.pathname}${u.search}`;
  };
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="ds-pagination" aria-label={t("list.pagination")}>
      <ul>
        {current > 1 ? (
          <li>
            <a class="ds-button" data-variant="tertiary" href={href(current - 1)} rel="prev">
              {t("list.previous")}
            </a>
          </li>
        ) : null}
        {shown.map((p, i) => (
          <>
            {i > 0 && p - (shown[i - 1] ?? p) > 1 ? <li aria-hidden="true">…</li> : null}
            <li key={p}>
              <a
                class="ds-button"
                data-variant={p === current ? "primary" : "tertiary"}
                href={href(p)}
                aria-current={p === current ? "page" : undefined}
                aria-label={t("list.pageN", { n: p })}
              >
                {p}
              </a>
            </li>
          </>
        ))}
        {current < pages ? (
          <li>
            <a class="ds-button" data-variant="tertiary" href={href(current + 1)} rel="next">
              {t("list.next")}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/**
 * Which rows of how many a paged list shows, and links that act on the whole filtered list
 * (downloads, other views of it), announced as a status when the filters change.
 */
export function ListStatus(props: { ctx: PageContext; total: number; page: number; limit: number; links: LinkItem[] }) {
  const { t, number } = props.ctx.i18n;
  const { total, page, limit } = props;
  return (
    <p class="ds-paragraph" role="status">
      {t("list.showing", {
        from: total === 0 ? 0 : (page - 1) * limit + 1,
        to: Math.min(page * limit, total),
        total: number(total),
      })}
      {props.links.length ? " " : null}
      <LinkList links={props.links} />
    </p>
  );
}

export interface LinkItem {
  href: string;
  label: string;
  download?: boolean;
}

/** Links in a row, separated by middle dots: a page's downloads and related views. */
export function LinkList(props: { links: LinkItem[] }) {
  return (
    <>
      {props.links.map((l, i) => (
        <Fragment key={l.href}>
          {i > 0 ? " · " : null}
          <a class="ds-link" href={l.href} download={l.download}>
            {l.label}
          </a>
        </Fragment>
      ))}
    </>
  );
}

/** A column header that sorts the list by its column; a second click reverses the order. */
export function SortHeader(props: { t: Translate; url: string; column: string; label: string; sort: string }) {
  const active = props.sort.replace(/^-/, "") === props.column;
  const descending = props.sort.startsWith("-");
  const next = active && !descending ? `-${props.column}` : props.column;
  const u = new URL(props.url, "http://x");
  u.searchParams.set("sort", next);
  u.searchParams.delete("page");
  return (
    <th scope="col" aria-sort={active ? (descending ? "descending" : "ascending") : undefined}>
      <a class="ds-link" href={`${u.pathname}${u.search}`}>
        {props.label}
        {active ? <span aria-hidden="true">{descending ? " ▼" : " ▲"}</span> : null}
      </a>
    </th>
  );
}

/** A small coloured label (a state, an outcome): the word says it, the colour only repeats it. */
export function Tag(props: { color: string; children: ComponentChildren }) {
  return (
    <span class="ds-tag" data-color={props.color} data-size="sm">
      {props.children}
    </span>
  );
}

/** Marks invented people and networks wherever they appear. */
export function DemoTag({ t }: { t: Translate }) {
  return (
    <span class="ds-tag" data-color="warning" data-size="sm">
      {t("demo.tag")}
    </span>
  );
}

export function Notice(props: { kind?: "info" | "success" | "warning" | "danger"; children: ComponentChildren }) {
  return (
    <div class="ds-alert" data-color={props.kind ?? "info"} role={props.kind === "success" ? "status" : undefined}>
      {props.children}
    </div>
  );
}

/** Who changed a record, when, and what; shown to those who may edit it. */
export function History(props: {
  ctx: PageContext;
  entries: {
    id: number;
    at: Date | string;
    actorLabel: string;
    actorDeleted: boolean;
    action: AuditAction;
    before: unknown;
    after: unknown;
  }[];
}) {
  const { t, dateTime } = props.ctx.i18n;
  if (props.entries.length === 0) return null;
  return (
    <section aria-labelledby="history-heading">
      <h2 class="ds-heading" data-size="sm" id="history-heading">
        {t("history.title")}
      </h2>
      <TableScroll label={t("history.title")}>
        <table class="ds-table" data-size="sm">
          <thead>
            <tr>
              <th scope="col">{t("history.when")}</th>
              <th scope="col">{t("history.who")}</th>
              <th scope="col">{t("history.what")}</th>
              <th scope="col">{t("history.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr key={e.id}>
                <td>{dateTime(e.at)}</td>
                <td>{e.actorDeleted ? t("audit.deletedUser") : e.actorLabel}</td>
                <td>{labelFor(t, "history.action", e.action)}</td>
                <td>
                  <code class="history-diff">{describeChange(e.before, e.after)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function describeChange(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !["createdAt", "updatedAt"].includes(k));
  return keys
    .slice(0, 8)
    .map((k) => `${k}: ${short(b[k])} → ${short(a[k])}`)
    .join("; ");
}
const short = (v: unknown) => {
  const s = v === undefined || v === null ? "–" : typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/**
 * A wide table scrolls sideways on narrow screens; the scrolling region takes focus so keyboard
 * users can scroll it too (WCAG 2.1.1, axe's scrollable-region-focusable).
 */
export function TableScroll(props: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    // biome-ignore lint/a11y/useSemanticElements: a div with role region is the pattern for a labelled scroll container
    <div class="table-scroll" tabIndex={0} role="region" aria-label={props.label}>
      {props.children}
    </div>
  );
}

/** A single button that posts (with the CSRF token): for actions such as resend, withdraw, accept. */
export function PostButton(props: {
  ctx: PageContext;
  action: string;
  label: string;
  /** Said after the label to screen readers, where the label alone is ambiguous (a row in a table). */
  hiddenText?: string;
  variant?: "primary" | "secondary" | "tertiary";
  size?: "sm" | "md";
  danger?: boolean;
  /** Sent along as hidden fields (where to come back to). */
  fields?: Record<string, string>;
}) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken()} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        class="ds-button"
        data-variant={props.variant ?? "secondary"}
        data-size={props.size ?? "md"}
        data-color={props.danger ? "danger" : undefined}
        type="submit"
      >
        {props.label}
        {props.hiddenText ? <span class="ds-sr-only"> {props.hiddenText}</span> : null}
      </button>
    </form>
  );
}

/** A part of a page under its own heading, named by it for assistive technology. */
export function Section(props: { id: string; title: ComponentChildren; children?: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 class="ds-heading" data-size="md" id={props.id}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** Records as a bulleted list, each item drawn by `item`; the sentence that says there are none when empty. */
export function ItemList<T>(props: {
  items: readonly T[];
  empty: ComponentChildren;
  itemKey: (item: T) => string | number;
  item: (item: T) => ComponentChildren;
}) {
  if (props.items.length === 0) return <p class="ds-paragraph">{props.empty}</p>;
  return (
    <ul class="ds-list">
      {props.items.map((i) => (
        <li key={props.itemKey(i)}>{props.item(i)}</li>
      ))}
    </ul>
  );
}

/** A link that looks like a button: to a form (new, edit) or another view of the same records. */
export function ButtonLink(props: { href: string; variant?: "primary" | "secondary" | "tertiary"; children: ComponentChildren }) {
  return (
    <a class="ds-button" data-variant={props.variant ?? "secondary"} href={props.href}>
      {props.children}
    </a>
  );
}

/** A link in running text or a table cell, in Designsystemet's link style. */
export function Link(props: { href: string; hreflang?: string; children: ComponentChildren }) {
  return (
    <a class="ds-link" href={props.href} hreflang={props.hreflang}>
      {props.children}
    </a>
  );
}

/** A fact about a record: its label and its value; `null`, `undefined` or `false` leaves the fact out. */
export type Fact = readonly [label: ComponentChildren, value: ComponentChildren] | null | undefined | false;

/** A record's facts as a description list (label, value), the facts that do not apply left out. */
export function Facts(props: { facts: readonly Fact[] }) {
  const shown = props.facts.filter((f): f is Exclude<Fact, null | undefined | false> => !!f);
  return (
    <dl class="facts">
      {shown.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}
