import type { Crumb, PageMeta } from "../../platform/ui/context.ts";

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
