import { sql } from "drizzle-orm";
import { files } from "../../platform/schema.ts";
import type { SearchSource } from "../../platform/search/engine.ts";
import { networks } from "../networks/index.ts";
import { consultationReadableWhere, publishedInputWhere } from "./consultations.repo.ts";
import { consultationInputSearchFields, consultationInputs, consultationSearchFields, consultations } from "./schema.ts";

const withNetwork = sql`join ${networks} on ${networks.id} = ${consultations.networkId}`;
const network = { id: networks.id, slug: networks.slug, name: networks.name };

/**
 * Consultations and their published inputs in the site search. A consultation is read by whoever may
 * read its page (an internal review round only by the network's own people); an input only where its
 * consultation publishes inputs and the input is published, found by its text and shown under its
 * reference as the consultation's page shows it. Who sent an input is never searched nor filtered by:
 * the public page does not say it, so an input has no organisation.
 */
export const consultationsSearch: SearchSource[] = [
  {
    kind: "consultation",
    label: "search.kind.consultations",
    from: sql`${consultations} ${withNetwork}`,
    id: consultations.id,
    fields: consultationSearchFields(consultations),
    href: sql`'/consultations/' || ${consultations.id}`,
    network,
    date: consultations.opensAt,
    visible: consultationReadableWhere,
  },
  {
    kind: "consultation-input",
    label: "search.kind.consultationInputs",
    from: sql`${consultationInputs} join ${consultations} on ${consultations.id} = ${consultationInputs.consultationId} ${withNetwork}`,
    id: consultationInputs.id,
    fields: consultationInputSearchFields(consultationInputs),
    // An input is known by its reference; it is named with the consultation it answers.
    heading: sql`${consultations.title} || ' (' || ${consultationInputs.reference} || ')'`,
    href: sql`'/consultations/' || ${consultations.id} || '#input-' || ${consultationInputs.reference}`,
    network,
    date: consultationInputs.submittedAt,
    visible: publishedInputWhere,
  },
  {
    // The document a consultation is about, uploaded as a file: read by whoever may read the consultation.
    kind: "document",
    label: "search.kind.documents",
    from: sql`${consultations} ${withNetwork} join ${files} on ${files.id} = ${consultations.documentFileId}`,
    id: files.id,
    fields: { title: files.name, body: [files.text] },
    href: sql`'/consultations/' || ${consultations.id} || '/document'`,
    network,
    date: files.createdAt,
    visible: consultationReadableWhere,
  },
];
