import type { ComponentChildren } from "preact";
import { Form, type FormState } from "../../platform/ui/components.tsx";
import type { Crumb, PageContext, PageMeta } from "../../platform/ui/context.ts";

/** What every page of the module that is one record's form is given: where it posts, its title, where cancel goes. */
export interface FormPageProps {
  ctx: PageContext;
  form: FormState;
  action: string;
  title: string;
  cancelHref: string;
}

/** A page that is one record's form under its title, saved or cancelled (a network, a membership, a body, a seat). */
export function FormPage(props: FormPageProps & { children: ComponentChildren }) {
  const { ctx } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <Form
        ctx={ctx}
        form={props.form}
        action={props.action}
        submitLabel={ctx.i18n.t("common.save")}
        cancelHref={props.cancelHref}
      >
        {props.children}
      </Form>
    </>
  );
}

/**
 * A page of one network: its title, the forms on it (a 422 when one came back with errors), and the
 * crumbs from the network's page down to it (the title alone when no other trail is given).
 */
export const pageInNetwork = (
  network: { slug: string; name: string },
  title: string,
  forms: PageMeta["forms"],
  trail: Crumb[] = [{ label: title }],
): PageMeta => ({ title, network, forms, crumbs: [{ href: `/n/${network.slug}`, label: network.name }, ...trail] });
