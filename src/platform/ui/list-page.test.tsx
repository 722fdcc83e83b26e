import assert from "node:assert/strict";
import { test } from "node:test";
import { renderToString } from "preact-render-to-string";
import { i18nFor } from "../i18n/i18n.ts";
import { emptyForm, Facts, FilterForm, Form, Link, Section, SelectField, submittedForm, TextField } from "./components.tsx";
import type { PageContext } from "./context.ts";
import { ListPage, ListTable } from "./list-page.tsx";

const i18n = i18nFor("en");
const ctx = { i18n, url: "/things?q=x", csrfToken: () => "token" } as unknown as PageContext;

test("fields inside a form take its form and language, and render as when given them", () => {
  const form = submittedForm({ name: "Ada" }, [{ field: "name", key: "errors.required" }]);
  const scoped = renderToString(
    <Form ctx={ctx} form={form} action="/x" submitLabel="Save">
      <TextField name="name" label="Name" />
    </Form>,
  );
  const given = renderToString(
    <Form ctx={ctx} form={form} action="/x" submitLabel="Save">
      <TextField t={i18n.t} form={form} name="name" label="Name" />
    </Form>,
  );
  assert.equal(scoped, given);
  assert.match(scoped, /value="Ada"/);
  assert.match(scoped, new RegExp(i18n.t("errors.required")));
});

test("a filter form gives its fields the filters in force", () => {
  const html = renderToString(
    <FilterForm t={i18n.t} action="/things" values={{ kind: "b" }}>
      <SelectField
        name="kind"
        label="Kind"
        options={[
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ]}
      />
    </FilterForm>,
  );
  assert.match(html, /<option value="b" selected>B<\/option>/);
});

test("a field drawn outside any form without one says which", () => {
  assert.throws(() => renderToString(<TextField name="lonely" label="Lonely" />), /lonely/);
  assert.ok(renderToString(<TextField t={i18n.t} form={emptyForm()} name="fine" label="Fine" />));
});

test("a list page draws its filters, count, sortable table and empty notice", () => {
  const page = (rows: { id: number; name: string; n: number }[]) =>
    renderToString(
      <ListPage
        ctx={ctx}
        title="Things"
        filters={{ action: "/things", resetHref: "/things", values: { q: "x" }, fields: <TextField name="q" label="Search" /> }}
        paging={{ total: rows.length, page: 1, limit: 50 }}
        downloads={[{ href: "/things.csv", label: "CSV", download: true }]}
        table={{
          rows,
          rowKey: (r) => r.id,
          sort: "name",
          columns: [
            { label: "Name", sort: "name", cell: (r) => r.name },
            { label: "Count", numeric: true, cell: (r) => r.n },
          ],
        }}
      />,
    );
  const full = page([{ id: 1, name: "Alpha", n: 3 }]);
  assert.match(full, /<h1[^>]*>Things<\/h1>/);
  assert.match(full, /name="q"[^>]*value="x"|value="x"[^>]*name="q"/);
  assert.match(full, /aria-sort="ascending"/);
  assert.match(full, /<th scope="row">Alpha<\/th>/);
  assert.match(full, /<td class="numeric">3<\/td>/);
  assert.match(full, /href="\/things.csv"/);
  assert.match(page([]), new RegExp(i18n.t("list.empty")));
});

test("a section is named by its heading", () => {
  assert.equal(
    renderToString(
      <Section id="people-heading" title="People">
        <p>Ada</p>
      </Section>,
    ),
    '<section aria-labelledby="people-heading"><h2 class="ds-heading" data-size="md" id="people-heading">People</h2><p>Ada</p></section>',
  );
});

test("a record's facts: label and value in a description list, the facts that do not apply left out; links in the link style", () => {
  const html = renderToString(
    <Facts facts={[["Owner", <Link href="/organisations/7">Molde kommune</Link>], null, false, ["Budget", "100 000 kr"]]} />,
  );
  assert.equal(
    html,
    '<dl class="facts"><dt>Owner</dt><dd><a class="ds-link" href="/organisations/7">Molde kommune</a></dd><dt>Budget</dt><dd>100 000 kr</dd></dl>',
  );
});

test("a table ordered by a date shown first still names its record in the row header", () => {
  const html = renderToString(
    <ListTable
      ctx={ctx}
      label="Coming"
      rows={[{ id: 1, when: "2027-01-01", name: "eFormidling" }]}
      rowKey={(r) => r.id}
      rowHeader={1}
      columns={[
        { label: "When", cell: (r) => r.when },
        { label: "Solution", cell: (r) => r.name },
      ]}
    />,
  );
  assert.match(html, /<tr><td>2027-01-01<\/td><th scope="row">eFormidling<\/th><\/tr>/);
});
