import type { SubjectAccess } from "../subjects/index.ts";
import type { NewsOwner } from "./news.repo.ts";

/** Whose news a page is of, as its pages show it: a network (with its menu) or a subject network. */
export interface OwnerPage {
  key: NewsOwner;
  name: string;
  /** The owner's own page, and the list of its news. */
  href: string;
  newsHref: string;
  /** A network's pages carry its menu and its newsletter; a subject network has neither. */
  network?: { id: number; slug: string; name: string };
}

/** A network as the owner of news. */
export const networkOwner = (network: { id: number; slug: string; name: string }): OwnerPage => ({
  key: { networkId: network.id },
  name: network.name,
  href: `/n/${network.slug}`,
  newsHref: `/n/${network.slug}/news`,
  network,
});
/** A subject network as the owner of news. */
export const subjectOwner = ({ subject }: SubjectAccess): OwnerPage => ({
  key: { subjectNetworkId: subject.id },
  name: subject.name,
  href: `/subject-networks/${subject.slug}`,
  newsHref: `/subject-networks/${subject.slug}/news`,
});
