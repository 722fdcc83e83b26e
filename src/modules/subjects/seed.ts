import { and, asc, eq, like } from "drizzle-orm";
import type { AppContext } from "../../platform/module.ts";
import { users } from "../../platform/schema.ts";
import { networks } from "../networks/index.ts";
import { projects } from "../projects/index.ts";
import { nationalSolutions } from "../roadmap/index.ts";
import { solutions } from "../solutions/index.ts";

const DAY = 24 * 3600_000;

/**
 * Two demo subject networks spanning networks: health and care (open, owned by two networks) and
 * information security (by approval, owned by two others), with their demo people as coordinators
 * and members, experience notes linked to a project, a solution and a national solution, a
 * quality-assurance review of a project, and questions with answers. Everything is marked as demo.
 */
export async function seedDemoSubjects({ db, services }: AppContext): Promise<void> {
  const repo = services.subjects.repo;
  const demo = await db
    .select({ id: networks.id, slug: networks.slug })
    .from(networks)
    .where(eq(networks.isDemo, true))
    .orderBy(asc(networks.id));
  if (demo.length < 2) return;
  const peopleOf = (slug: string) =>
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(like(users.email, `%@${slug}.demo.samverk.example`))
      .orderBy(asc(users.id));
  const [project] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.isDemo, true), eq(projects.visibility, "public"), eq(projects.networkId, demo[0]!.id)))
    .orderBy(asc(projects.id))
    .limit(1);
  const [solution] = await db
    .select({ id: solutions.id })
    .from(solutions)
    .where(eq(solutions.isDemo, true))
    .orderBy(asc(solutions.id))
    .limit(1);
  const [national] = await db
    .select({ id: nationalSolutions.id })
    .from(nationalSolutions)
    .orderBy(asc(nationalSolutions.id))
    .limit(1);

  const plan = [
    {
      name: "Helse og omsorg",
      slug: "helse-og-omsorg",
      joinPolicy: "open" as const,
      owners: demo.slice(0, 2),
      mandate:
        "Fagnettverket deler kompetanse og erfaring om digitale tenester i helse og omsorg: velferdsteknologi, digital heimeoppfølging og samhandling med spesialisthelsetenesta.\n\nDet kvalitetssikrar prosjekta i nettverka som gjeld helse og omsorg, og samlar erfaringar frå kommunane som har teke løysingane i bruk.",
      notes: [
        {
          title: "Digitalt tilsyn om natta: start med få brukarar",
          whatWeDid:
            "Vi starta digitalt tilsyn med tolv brukarar i to soner, med nattpatruljen som mottakar av varsel. Etter tre månader utvida vi til heile kommunen.",
          cost: "Om lag 400 000 kroner i utstyr og 300 timar i opplæring det første året.",
          differently:
            "Vi skulle ha teke med dei tilsette på natt frå første dag, og avklart personvernet før innkjøpet, ikkje etter.",
          link: { projectId: project?.id ?? null },
        },
        {
          title: "Medisineringsstøtte: rutinane er viktigare enn teknologien",
          whatWeDid: "Vi innførte medisindispensarar hos 40 heimebuande. Det som tok tid, var rutinane for fylling og avvik.",
          cost: "Leige av dispensarar og 0,5 årsverk i eit halvt år.",
          differently: "Lag avviksrutinen saman med apoteket før oppstart.",
          link: { solutionId: solution?.id ?? null },
        },
      ],
      questions: [
        {
          title: "Korleis har de løyst samtykke for digitalt tilsyn hos personar med demens?",
          body: "Vi skal i gang med digitalt tilsyn og lurer på korleis andre har dokumentert samtykke eller vedtak når brukaren ikkje sjølv kan samtykke.",
          answers: [
            "Vi fattar vedtak etter pasient- og brukarrettslova kapittel 4A når brukaren ikkje kan samtykke, og dokumenterer vurderinga i journalen. Ta kontakt, så sender eg malen vår.",
          ],
        },
      ],
    },
    {
      name: "Informasjonssikkerheit og personvern",
      slug: "informasjonssikkerheit-og-personvern",
      joinPolicy: "approval" as const,
      owners: demo.slice(2, 4).length ? demo.slice(2, 4) : demo.slice(0, 1),
      mandate:
        "Fagnettverket for personvernombod, informasjonssikkerheitsleiarar og IT-leiarar. Det deler risikovurderingar, DPIA-ar og erfaringar med leverandørar, og svarar på spørsmål frå prosjekta.",
      notes: [
        {
          title: "Felles DPIA-mal for skytenester",
          whatWeDid:
            "Fem kommunar laga éin felles mal for vurdering av personvernkonsekvensar ved kjøp av skytenester, med ferdige vurderingar av dei vanlegaste leverandørane.",
          cost: "Om lag 150 timar fordelt på fem kommunar.",
          differently: "Involver innkjøp tidlegare, så krava kjem med i konkurransegrunnlaget.",
          link: { nationalSolutionId: national?.id ?? null },
        },
      ],
      questions: [
        {
          title: "Kven skal vere behandlingsansvarleg i eit interkommunalt prosjekt?",
          body: "",
          answers: [],
        },
      ],
    },
  ];

  for (const p of plan) {
    if (await repo.bySlug(p.slug)) continue;
    const subject = await repo.insert({ name: p.name, slug: p.slug, mandate: p.mandate, joinPolicy: p.joinPolicy, isDemo: true });
    for (const owner of p.owners) await repo.addOwner(subject.id, owner.id);
    const people = (await Promise.all(p.owners.map((o) => peopleOf(o.slug)))).flat();
    const [coordinator, ...rest] = people;
    if (coordinator)
      await repo.addMember({ subjectNetworkId: subject.id, userId: coordinator.id, role: "coordinator", isDemo: true });
    for (const person of rest.slice(0, 5))
      await repo.addMember({ subjectNetworkId: subject.id, userId: person.id, isDemo: true });
    // One asks to join a network that approves its members.
    const waiting = rest[5];
    if (waiting && p.joinPolicy === "approval")
      await repo.addMember({ subjectNetworkId: subject.id, userId: waiting.id, approved: false, isDemo: true });
    const writer = rest[0] ?? coordinator;
    for (const [i, n] of p.notes.entries()) {
      await repo.insertNote({
        subjectNetworkId: subject.id,
        title: n.title,
        whatWeDid: n.whatWeDid,
        cost: n.cost,
        differently: n.differently,
        contactUserId: writer?.id ?? null,
        authorId: writer?.id ?? null,
        authorLabel: writer?.name ?? "Demo",
        projectId: null,
        solutionId: null,
        nationalSolutionId: null,
        ...n.link,
        isDemo: true,
        createdAt: new Date(Date.now() - (30 + i * 20) * DAY),
      });
    }
    for (const q of p.questions) {
      const question = await repo.insertQuestion({
        subjectNetworkId: subject.id,
        title: q.title,
        body: q.body,
        askedById: rest[1]?.id ?? null,
        askedByLabel: rest[1]?.name ?? "Demo",
        isDemo: true,
        createdAt: new Date(Date.now() - 14 * DAY),
      });
      for (const body of q.answers)
        await repo.insertAnswer({
          questionId: question.id,
          body,
          authorId: coordinator?.id ?? null,
          authorLabel: coordinator?.name ?? "Demo",
          isDemo: true,
        });
    }
    if (project && p.slug === "helse-og-omsorg") {
      await repo.insertReview({
        subjectNetworkId: subject.id,
        projectId: project.id,
        request: "Vurder gevinstplanen og korleis tenesta skal driftast etter prosjektslutt.",
        requestedById: null,
        requestedByLabel: "Sekretariatet",
        status: "reviewed",
        verdict: "sound_with_changes",
        findings: "Gevinstane er godt skildra, men ingen eig gevinstrealiseringa etter prosjektslutt.",
        recommendations: "Peik ut ein gevinsteigar i kvar kommune før prosjektet går over i gjennomføring.",
        reviewedById: coordinator?.id ?? null,
        reviewedByLabel: coordinator?.name ?? "Demo",
        reviewedAt: new Date(Date.now() - 7 * DAY),
        isDemo: true,
        createdAt: new Date(Date.now() - 21 * DAY),
      });
    }
  }
}
