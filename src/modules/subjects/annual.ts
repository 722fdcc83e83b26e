import type { AnnualRecordCheck, AnnualSource } from "../../platform/module.ts";

/** The annual report's experience notes written in the year in the subject networks the network owns, as the viewer may read them. */
export const subjectsAnnual: AnnualSource = async ({ services }, { network, year, kind, viewer }) => {
  if (kind !== "report") return [];
  const notes = await services.subjects.notes(viewer, { ownerNetworkId: network.id, year, limit: 500 });
  return [
    {
      id: "experience",
      title: "subject.annual.experience",
      columns: [{ label: "annual.col.title" }, { label: "subject.annual.subjectNetwork" }, { label: "annual.col.organisation" }],
      rows: notes.map((n) => [
        { text: n.note.title, href: `/experience/${n.note.id}`, record: `experience:${n.note.id}` as const },
        { text: n.subjectName, href: `/subject-networks/${n.subjectSlug}` },
        n.organisationName ?? "",
      ]),
    },
  ];
};

/** Which experience notes a viewer may still read, for the frozen annual tables that name them. */
export const notesVisible: AnnualRecordCheck = async ({ services }, ids, viewer) =>
  (await services.subjects.notes(viewer, { ids, limit: ids.length })).map((n) => n.note.id);
