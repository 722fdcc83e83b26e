import { publishEvent } from "../../../platform/activity/activity.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import type { DbOrTx } from "../../../platform/db/client.ts";
import { toFieldErrors } from "../../../platform/http/validation.ts";
import { LOCALES, type MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  type CheckedRow,
  choiceReader,
  headerKey,
  type Importer,
  type ImportField,
  type ImportProblem,
  type ImportScope,
  memberReader,
  type RowChange,
  RowsChanged,
  readDate,
  rowReader,
  type ShownValue,
  shown,
} from "../../../platform/import/importer.ts";
import type { NetworkService } from "../../networks/index.ts";
import { measureStatusLabel } from "../labels.ts";
import { messages } from "../messages.ts";
import { MEASURE_STATUSES, type MeasureStatus, type StrategyStatus } from "../schema.ts";
import { measureInput, reportInput, strategyInput } from "../strategies.service.ts";
import { StrategyImportRepo } from "./import.repo.ts";

/** The columns of a measure an import may set. */
const IMPORTED = [
  "description",
  "focusAreaId",
  "goal",
  "indicator",
  "expectedBenefits",
  "responsibleOrganisationId",
  "responsible",
  "deadlineYear",
  "deadlineDate",
  "years",
  "status",
  "statusComment",
] as const;
type Imported = (typeof IMPORTED)[number];

/** What a measure holds that an import sets. */
export type MeasureValues = {
  description: string;
  focusAreaId: number | null;
  goal: string;
  indicator: string;
  expectedBenefits: string;
  responsibleOrganisationId: number | null;
  responsible: string;
  deadlineYear: number | null;
  deadlineDate: string | null;
  years: number[];
  status: MeasureStatus;
  statusComment: string;
};

/** Follow-up: reported, also after adoption (a status report is kept of each change). */
const FOLLOW_UP: ReadonlySet<Imported> = new Set(["status", "statusComment"]);

/** The field of the file each column is read from, for the preview's changes and the problems. */
const FIELD_OF: Record<Imported, string> = {
  description: "title",
  focusAreaId: "focusArea",
  goal: "goal",
  indicator: "indicator",
  expectedBenefits: "expectedBenefits",
  responsibleOrganisationId: "responsible",
  responsible: "responsible",
  deadlineYear: "deadline",
  deadlineDate: "deadline",
  years: "years",
  status: "status",
  statusComment: "comment",
};

/** The strategy a row's measure is in: one there is, or one the file makes (by owner, title and period). */
export type StrategyRef =
  | { id: number; status: StrategyStatus }
  | {
      key: string;
      values: { title: string; firstYear: number; lastYear: number; organisationId: number | null; networkId: number | null };
    };

/** An accepted row: a new measure (in its strategy, at its place), or an existing one with the values it gets. */
export interface MeasureRow {
  strategy: StrategyRef;
  existing?: MeasureValues & { id: number; strategyId: number };
  position: number;
  values: MeasureValues;
}

/** A text in the three languages, as the module's own downloads write it. */
const everyLanguage = (key: keyof (typeof messages)["nb"]) => LOCALES.map((l) => messages[l][key]);

/**
 * The fields of a file of measures. The action plan's download (a strategy's `plan.xlsx`) has the
 * same headers in the reader's language, so it comes back as it went out; its column of projects is
 * not read (the projects a measure is carried out by are chosen on its page).
 */
const FIELDS: readonly ImportField[] = [
  {
    key: "address",
    label: "import.strategy.address",
    aliases: ["url", "lenke", "link", "adresse", "samverk-adresse"],
    hint: "import.strategy.addressHint",
  },
  {
    key: "owner",
    label: "strategy.owner",
    required: true,
    aliases: ["medlem", "member", "kommune", "organisasjon", "organisation", "kommunenummer"],
    hint: "import.strategy.ownerHint",
  },
  {
    key: "strategy",
    label: "import.strategy.strategy",
    required: true,
    aliases: ["strategi", "strategy", "strategiens tittel", "plan"],
    hint: "import.strategy.strategyHint",
  },
  { key: "period", label: "strategy.period", aliases: ["strategiperiode"], hint: "import.strategy.periodHint" },
  {
    key: "focusArea",
    label: "strategy.focusArea",
    aliases: ["innsatsomrade", "innsatsområde", "focus area", "satsingsomrade"],
    hint: "import.strategy.focusAreaHint",
  },
  { key: "title", label: "strategy.measure", required: true, aliases: ["tiltak", "measure", "tittel", "title", "navn"] },
  { key: "goal", label: "strategy.concreteGoal", aliases: ["mal", "goal", "effektmal"] },
  { key: "indicator", label: "strategy.indicator", aliases: ["indikator", "maleindikator"] },
  {
    key: "expectedBenefits",
    label: "strategy.expectedBenefits",
    aliases: [...everyLanguage("strategy.benefits"), "gevinster", "gevinstar", "benefits"],
  },
  { key: "responsible", label: "strategy.responsible", aliases: ["ansvar", "ansvarleg", "responsible", "eier av tiltaket"] },
  { key: "deadline", label: "strategy.deadline", aliases: ["frist", "deadline", "ferdig"], hint: "import.strategy.deadlineHint" },
  { key: "years", label: "strategy.years", aliases: ["ar", "år", "years"], hint: "import.strategy.yearsHint" },
  { key: "status", label: "strategy.statusLabel", aliases: ["status"], hint: "import.strategy.statusHint" },
  { key: "comment", label: "strategy.comment", aliases: ["kommentar", "merknad", "comment"] },
];

const readStatus = choiceReader(MEASURE_STATUSES, measureStatusLabel, {
  "Ikke påbegynt": "not_started",
  "Ikkje påbyrja": "not_started",
  "Ikke starta": "not_started",
  Planlagt: "not_started",
  Igangsatt: "in_progress",
  "I gang": "in_progress",
  Startet: "in_progress",
  Ferdig: "done",
  Fullført: "done",
  Avsluttet: "done",
  Completed: "done",
  Utsett: "postponed",
  Avbrote: "dropped",
  Avlyst: "dropped",
  Cancelled: "dropped",
});

/**
 * A measure's address in Samverk: on its strategy's page (/strategies/12#measure-34, as the action
 * plan's download has it), its edit page (/strategies/12/measures/34/edit) or its number alone. Null
 * for an empty cell, undefined for text that is none of these.
 */
export function measureIdOf(text: string): number | null | undefined {
  if (text === "") return null;
  const id = text.match(/^(?:.*\/strategies\/\d+(?:\/measures\/|\/?#measure-))?(\d{1,9})(?:\/edit)?\/?$/)?.[1];
  return id ? Number(id) : undefined;
}

/** A strategy's period as a file writes it: "2026–2029", "2026-2029" or one year. */
function readPeriod(text: string): { period: [number, number] | null } | { problem: ImportProblem } {
  if (text === "") return { period: null };
  const both = text.match(/^(\d{4})\s*[-–—/]\s*(\d{4})$/) ?? text.match(/^(\d{4})()$/);
  if (!both) return { problem: { key: "errors.import.strategy.period", params: { period: text }, field: "period" } };
  const first = Number(both[1]);
  return { period: [first, both[2] ? Number(both[2]) : first] };
}

/** A period as the download writes it. */
export const periodText = (s: { firstYear: number; lastYear: number }) => `${s.firstYear}–${s.lastYear}`;

/** Who is responsible, as the download writes it: the organisation's name, then the body or person. */
export const responsibleText = (organisationName: string | null | undefined, responsible: string) =>
  [organisationName, responsible].filter(Boolean).join(", ");

/** The deadline as the download writes it: its day, else its year. */
const deadlineText = (m: { deadlineYear: number | null; deadlineDate: string | null }) =>
  m.deadlineDate ?? (m.deadlineYear === null ? "" : String(m.deadlineYear));

const EMPTY: MeasureValues = {
  description: "",
  focusAreaId: null,
  goal: "",
  indicator: "",
  expectedBenefits: "",
  responsibleOrganisationId: null,
  responsible: "",
  deadlineYear: null,
  deadlineDate: null,
  years: [],
  status: "not_started",
  statusComment: "",
};

/** Items by a key of theirs, in their order. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const pick = (m: MeasureValues): MeasureValues => Object.fromEntries(IMPORTED.map((k) => [k, m[k]])) as unknown as MeasureValues;
const changedKeys = (before: MeasureValues, after: MeasureValues) =>
  IMPORTED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));

/**
 * Brings the measures of the members' strategies (and of the network's shared strategy) into
 * Samverk, a measure a row (issue 26, decision 0039). The strategy is found by its owner and title
 * (and period, where a title is not enough); one the owner does not have is made as a draft, given
 * its period. A measure is found by its address, or by its title within its strategy; otherwise it is
 * new. Adopted strategies are frozen as on their page: only a measure's status and comment change,
 * each change kept as a status report.
 */
export function strategyMeasureImporter(networks: Pick<NetworkService, "currentMembersIn">): Importer<MeasureRow> {
  return {
    kind: "strategy-measures",
    label: "import.strategy.kind",
    description: "import.strategy.description",
    fields: FIELDS,

    async check(db: DbOrTx, scope: ImportScope, rows) {
      // Everything is read through `db`: when applying, that is the transaction (decision 0039).
      const repo = new StrategyImportRepo(db);
      const network = scope.network;
      const members = await networks.currentMembersIn(db, network.id);
      const strategyList = await repo.strategiesOf(
        network.id,
        members.map((m) => m.id),
      );
      const strategyIds = strategyList.map((s) => s.id);
      // One after another: a transaction is one connection, which takes one statement at a time.
      const measureList = await repo.measuresIn(strategyIds);
      const areaList = await repo.focusAreasIn(strategyIds);
      const linkedBenefits = await repo.publicBenefitsOf(measureList.map((m) => m.measure.id));

      const memberOf = memberReader(members);
      const names = new Map<number, string>(members.map((m) => [m.id, m.name]));
      for (const { measure, responsibleName } of measureList)
        if (measure.responsibleOrganisationId && responsibleName) names.set(measure.responsibleOrganisationId, responsibleName);
      const ownerKeyOf = (s: { organisationId: number | null; networkId: number | null }) =>
        s.networkId !== null ? `n${s.networkId}` : `o${s.organisationId}`;
      const ownerNameOf = (s: { organisationId: number | null; networkId: number | null }) =>
        s.networkId !== null ? network.name : (names.get(s.organisationId!) ?? "");
      const strategyById = new Map(strategyList.map((s) => [s.id, s]));
      const strategiesOfOwner = groupBy(strategyList, ownerKeyOf);
      const measureById = new Map(measureList.map((m) => [m.measure.id, m.measure]));
      const measuresOfStrategy = groupBy(
        measureList.map((m) => m.measure),
        (m) => m.strategyId,
      );
      const areasByStrategy = groupBy(areaList, (a) => a.strategyId);
      const areasOf = (strategyId: number) => areasByStrategy.get(strategyId) ?? [];
      const areaTitle = new Map(areaList.map((a) => [a.id, a.title]));
      const benefitsByMeasure = groupBy(linkedBenefits, (b) => b.measureId);
      const benefitTitles = (measureId: number) => (benefitsByMeasure.get(measureId) ?? []).map((b) => b.title);

      /** What a changed field was and becomes, as the preview shows it. */
      const shownAs = (field: string, m: MeasureValues): ShownValue => {
        if (field === "focusArea") return shown(m.focusAreaId === null ? null : areaTitle.get(m.focusAreaId));
        if (field === "responsible")
          return shown(
            responsibleText(m.responsibleOrganisationId ? names.get(m.responsibleOrganisationId) : null, m.responsible),
          );
        if (field === "deadline") return shown(deadlineText(m));
        if (field === "years") return shown(m.years);
        if (field === "status") return { key: `measure.status.${m.status}` as MessageKey };
        if (field === "title") return shown(m.description);
        if (field === "comment") return shown(m.statusComment);
        return shown(m[field as Imported]);
      };

      const seen = new Map<string, number>();
      const seenIds = new Map<number, number>();
      /** Measures the file adds to each strategy so far, for their places in its plan. */
      const added = new Map<string, number>();

      return rows.map(({ line, values }): CheckedRow<MeasureRow> => {
        const { problems, has, text, problem } = rowReader(values);
        const fail = () => ({ line, label: text("title") || text("address") || text("strategy"), problems });

        // Whose strategy: a member's today, or the network's own.
        const ownerText = text("owner");
        const member = ownerText ? memberOf(ownerText) : undefined;
        const owner = member
          ? { organisationId: member.id, networkId: null, name: member.name }
          : ownerText && headerKey(ownerText) === headerKey(network.name)
            ? { organisationId: null, networkId: network.id, name: network.name }
            : undefined;
        if (ownerText === "") problem("owner", "errors.required");
        else if (!owner) problem("owner", "errors.import.strategy.owner", { owner: ownerText, network: network.name });
        const strategyText = text("strategy");
        if (strategyText === "") problem("strategy", "errors.required");
        const period = readPeriod(text("period"));
        if ("problem" in period) problems.push(period.problem);
        const years = "period" in period ? period.period : null;

        // Which measure: the one of its address, or the one of its title in the strategy.
        const id = measureIdOf(text("address"));
        if (id === undefined) problem("address", "errors.import.strategy.address", { address: text("address") });
        let current = id ? measureById.get(id) : undefined;
        if (id && !current) problem("address", "errors.import.strategy.notInNetwork", { address: text("address") });
        if (id) {
          const earlier = seenIds.get(id);
          if (earlier) problem("address", "errors.import.duplicateLine", { line: earlier });
          else seenIds.set(id, line);
        }
        if (!owner || strategyText === "" || problems.length) return fail();

        let strategy = current ? strategyById.get(current.strategyId) : undefined;
        if (strategy) {
          // The address's measure must be in the strategy the row names.
          if (
            ownerKeyOf(strategy) !== ownerKeyOf(owner) ||
            headerKey(strategy.title) !== headerKey(strategyText) ||
            (years && (strategy.firstYear !== years[0] || strategy.lastYear !== years[1]))
          )
            problem("address", "errors.import.strategy.otherStrategy", {
              address: text("address"),
              strategy: strategy.title,
              owner: ownerNameOf(strategy),
            });
        } else {
          // A draft revision carries on the adopted one it was started from: rows go to the newest.
          const titled = (strategiesOfOwner.get(ownerKeyOf(owner)) ?? []).filter(
            (s) => s.status !== "replaced" && headerKey(s.title) === headerKey(strategyText),
          );
          const heads = titled.filter((s) => !titled.some((o) => o.previousId === s.id));
          const candidates = years ? heads.filter((s) => s.firstYear === years[0] && s.lastYear === years[1]) : heads;
          if (candidates.length > 1)
            problem("strategy", "errors.import.strategy.ambiguous", {
              owner: owner.name,
              strategy: strategyText,
              count: candidates.length,
            });
          else strategy = candidates[0];
          if (!strategy && candidates.length === 0 && !years)
            problem("strategy", "errors.import.strategy.newNeedsPeriod", { owner: owner.name, strategy: strategyText });
        }
        if (problems.length) return fail();

        // A strategy the file makes: checked as the form checks a new strategy.
        let ref: StrategyRef;
        let period_: [number, number];
        if (strategy) {
          ref = { id: strategy.id, status: strategy.status };
          period_ = [strategy.firstYear, strategy.lastYear];
        } else {
          const parsed = strategyInput.safeParse({ title: strategyText, firstYear: years![0], lastYear: years![1] });
          if (!parsed.success) {
            for (const e of toFieldErrors(parsed.error))
              problems.push({
                key: e.key,
                field: e.field === "title" ? "strategy" : "period",
                ...(e.params ? { params: e.params } : {}),
              });
            return fail();
          }
          const { title, firstYear, lastYear } = parsed.data;
          ref = {
            key: `${ownerKeyOf(owner)}|${headerKey(title)}|${firstYear}-${lastYear}`,
            values: { title, firstYear, lastYear, organisationId: owner.organisationId, networkId: owner.networkId },
          };
          period_ = [firstYear, lastYear];
        }
        const strategyKey = "id" in ref ? `s${ref.id}` : ref.key;

        // Without an address, a row is the measure of the same title in the strategy, if there is one.
        if (!current && strategy && has("title") && text("title") !== "") {
          const same = (measuresOfStrategy.get(strategy.id) ?? []).filter(
            (m) => headerKey(m.description) === headerKey(text("title")),
          );
          if (same.length === 1) current = same[0];
          else if (same.length > 1)
            problem("title", "errors.import.strategy.measureAmbiguous", { title: text("title"), count: same.length });
        }

        // A field the file does not have keeps what the measure has (or the form's default).
        const given: MeasureValues = current ? pick(current) : { ...EMPTY };
        if (has("title")) given.description = text("title");
        if (has("goal")) given.goal = text("goal");
        if (has("indicator")) given.indicator = text("indicator");
        if (has("comment")) given.statusComment = text("comment");
        if (has("focusArea")) {
          const written = text("focusArea");
          if (written === "") given.focusAreaId = null;
          else {
            const area = strategy ? areasOf(strategy.id).find((a) => headerKey(a.title) === headerKey(written)) : undefined;
            if (area) given.focusAreaId = area.id;
            else problem("focusArea", "errors.import.strategy.focusArea", { focusArea: written, strategy: strategyText });
          }
        }
        if (has("expectedBenefits")) {
          // The download adds the portfolio's benefits after the measure's own words: they are links, kept.
          let own = text("expectedBenefits");
          for (const title of current ? benefitTitles(current.id).reverse() : []) {
            if (own === title) own = "";
            else if (own.endsWith(`; ${title}`)) own = own.slice(0, -(title.length + 2));
          }
          given.expectedBenefits = own;
        }
        if (has("responsible")) {
          const written = text("responsible");
          const kept =
            current &&
            written ===
              responsibleText(
                current.responsibleOrganisationId ? names.get(current.responsibleOrganisationId) : null,
                current.responsible,
              );
          if (!kept) {
            // An organisation that may be responsible (the member itself, or for the network's strategy
            // a member), named first; then the body or person as written.
            const choices = owner.networkId !== null ? members : members.filter((m) => m.id === owner.organisationId);
            const named = choices.find(
              (c) => headerKey(written) === headerKey(c.name) || written.toLowerCase().startsWith(`${c.name.toLowerCase()}, `),
            );
            given.responsibleOrganisationId = named?.id ?? null;
            given.responsible = named ? written.slice(named.name.length).replace(/^,\s*/, "") : written;
          }
        }
        if (has("deadline")) {
          const written = text("deadline");
          if (!(current && written === deadlineText(current))) {
            if (written === "") Object.assign(given, { deadlineYear: null, deadlineDate: null });
            else if (/^\d{4}$/.test(written)) Object.assign(given, { deadlineYear: Number(written), deadlineDate: null });
            else {
              const read = readDate(written);
              if ("problem" in read) problem("deadline", "errors.import.strategy.deadline", { value: written });
              else if (read.date !== current?.deadlineDate) Object.assign(given, { deadlineYear: null, deadlineDate: read.date });
            }
          }
        }
        if (has("years")) {
          const written = text("years");
          const parts = written.split(/[\s,;]+/).filter(Boolean);
          if (parts.some((p) => !/^\d{4}$/.test(p))) problem("years", "errors.import.strategy.years", { value: written });
          else {
            given.years = [...new Set(parts.map(Number))].sort((a, b) => a - b);
            if (given.years.some((y) => y < period_[0] || y > period_[1])) problem("years", "errors.yearOutsidePeriod");
          }
        }
        if (has("status") && text("status") !== "") {
          const status = readStatus(text("status"));
          if (status === undefined) problem("status", "errors.import.strategy.status", { value: text("status") });
          else given.status = status;
        }

        // The form's own schemas: a row is refused for what the measure form or the status report would refuse.
        const measure = measureInput.safeParse({ ...given, projectIds: [], benefitIds: [] });
        const report = reportInput.safeParse({ status: given.status, comment: given.statusComment });
        for (const error of [
          ...(measure.success ? [] : toFieldErrors(measure.error)),
          ...(report.success
            ? []
            : toFieldErrors(report.error).map((e) => ({ ...e, field: e.field === "comment" ? "statusComment" : e.field }))),
        ])
          problems.push({
            key: error.key,
            field: FIELD_OF[error.field as Imported] ?? error.field,
            ...(error.params ? { params: error.params } : {}),
          });

        const titleKey = headerKey(given.description);
        if (titleKey) {
          const earlier = seen.get(`${strategyKey}|${titleKey}`);
          if (earlier) problem("title", "errors.import.duplicateLine", { line: earlier });
          if (!earlier) seen.set(`${strategyKey}|${titleKey}`, line);
        }
        const label = `${given.description || text("title")} (${owner.name}: ${strategy?.title ?? strategyText})`;
        if (problems.length || !measure.success || !report.success) return { line, label, problems };

        const { projectIds: _p, benefitIds: _b, ...parsed } = measure.data;
        const final: MeasureValues = {
          ...parsed,
          years: given.years,
          status: report.data.status,
          statusComment: report.data.comment,
        };
        const keys = current ? changedKeys(pick(current), final) : [];
        // As on the strategy's page: an adopted strategy's measures are only followed up, a replaced one's not at all.
        if (strategy?.status === "replaced" && (!current || keys.length))
          problem("strategy", "errors.import.strategy.replaced", { strategy: strategy.title });
        else if (strategy?.status === "adopted" && (!current || keys.some((k) => !FOLLOW_UP.has(k))))
          problem("strategy", "errors.import.strategy.frozen", { strategy: strategy.title });
        if (problems.length) return { line, label, problems };

        const position = current
          ? current.position
          : (measuresOfStrategy.get(strategy?.id ?? 0)?.length ?? 0) + (added.get(strategyKey) ?? 0);
        if (!current) added.set(strategyKey, (added.get(strategyKey) ?? 0) + 1);
        const fields = [...new Set(keys.map((k) => FIELD_OF[k]))];
        return {
          line,
          label,
          problems,
          action: current ? (keys.length ? "update" : "unchanged") : "create",
          ...(current && keys.length
            ? {
                changes: fields.map(
                  (field): RowChange => ({ field, from: shownAs(field, pick(current)), to: shownAs(field, final) }),
                ),
              }
            : {}),
          input: {
            strategy: ref,
            ...(current ? { existing: { ...pick(current), id: current.id, strategyId: current.strategyId } } : {}),
            position,
            values: final,
          },
        };
      });
    },

    async apply(tx, scope, rows) {
      const repo = new StrategyImportRepo(tx);
      const { actor } = scope;
      const inputs = rows.map((r) => ({ action: r.action, ...r.input! }));
      const creates = inputs.filter((r) => r.action === "create");
      const updates = inputs.filter((r) => r.action === "update");

      // What the rows were checked against must still hold: someone may have saved meanwhile.
      const checkedStatus = new Map<number, StrategyStatus>();
      for (const r of [...creates, ...updates]) if ("id" in r.strategy) checkedStatus.set(r.strategy.id, r.strategy.status);
      const locked = await repo.lockStrategies([...checkedStatus.keys()]);
      if (locked.length !== checkedStatus.size || locked.some((s) => s.status !== checkedStatus.get(s.id)))
        throw new RowsChanged("a strategy");
      const now = new Map((await repo.lockMeasures(updates.map((r) => r.existing!.id))).map((m) => [m.id, m]));
      for (const r of updates) {
        const m = now.get(r.existing!.id);
        if (!m || m.strategyId !== r.existing!.strategyId || changedKeys(pick(m), pick(r.existing!)).length)
          throw new RowsChanged(`measure ${r.existing!.id}`);
      }

      // New strategies, once each, as drafts.
      const fresh = new Map<string, Extract<StrategyRef, { key: string }>["values"]>();
      for (const r of creates)
        if ("key" in r.strategy && !fresh.has(r.strategy.key)) fresh.set(r.strategy.key, r.strategy.values);
      const made = await repo.insertStrategies([...fresh.values()].map((v) => ({ ...v, status: "draft" as const })));
      const madeId = new Map([...fresh.keys()].map((key, i) => [key, made[i]!.id]));
      await recordAudit(
        tx,
        actor,
        made.map((s) => ({ action: "create" as const, entity: "strategy", entityId: s.id, after: { ...s, imported: true } })),
      );

      // New measures in batches; a status other than "not started", or a comment, is their first report.
      for (let at = 0; at < creates.length; at += 1000) {
        const batch = creates.slice(at, at + 1000);
        const inserted = await repo.insertMeasures(
          batch.map((r) => ({
            ...r.values,
            strategyId: "id" in r.strategy ? r.strategy.id : madeId.get(r.strategy.key)!,
            position: r.position,
          })),
        );
        await repo.insertReports(
          inserted
            .filter((m) => m.status !== "not_started" || m.statusComment !== "")
            .map((m) => ({ measureId: m.id, status: m.status, comment: m.statusComment, byLabel: actor.label })),
        );
        await recordAudit(
          tx,
          actor,
          inserted.map((m) => ({ action: "create" as const, entity: "measure", entityId: m.id, after: m })),
        );
      }

      for (const r of updates) {
        const before = r.existing!;
        const keys = changedKeys(pick(before), r.values);
        const change = Object.fromEntries(keys.map((k) => [k, r.values[k]])) as Partial<MeasureValues>;
        await repo.updateMeasure(before.id, change);
        if (keys.some((k) => FOLLOW_UP.has(k))) {
          // As a status reported on the strategy's page: kept, and its followers hear of it.
          await repo.insertReports([
            { measureId: before.id, status: r.values.status, comment: r.values.statusComment, byLabel: actor.label },
          ]);
          await publishEvent(tx, {
            kind: "strategy",
            id: before.strategyId,
            type: "measure_reported",
            data: { status: r.values.status },
            about: { kind: "measure", id: before.id },
            actorUserId: actor.userId,
          });
        }
        await recordAudit(tx, actor, {
          action: "update",
          entity: "measure",
          entityId: before.id,
          before: Object.fromEntries(keys.map((k) => [k, before[k]])),
          after: change,
        });
      }
      return { created: creates.length, updated: updates.length, unchanged: rows.length - creates.length - updates.length };
    },
  };
}
