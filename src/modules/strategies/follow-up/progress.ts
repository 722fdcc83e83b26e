import { osloToday } from "../../../platform/i18n/i18n.ts";

/** The year a measure is due: its day's year, else its year. */
export const deadlineYearOf = (m: { deadlineYear: number | null; deadlineDate: string | null }) =>
  m.deadlineDate ? Number(m.deadlineDate.slice(0, 4)) : m.deadlineYear;

/** Overdue: the deadline has passed and the measure is neither done nor dropped. */
export function isOverdue(
  m: { deadlineYear: number | null; deadlineDate: string | null; status: string },
  today = osloToday(),
): boolean {
  if (m.status === "done" || m.status === "dropped") return false;
  if (m.deadlineDate) return m.deadlineDate < today;
  return m.deadlineYear !== null && m.deadlineYear < Number(today.slice(0, 4));
}

/** Done measures out of all, and the overdue ones, for a focus area or a whole plan; dropped ones do not count. */
export function planProgress(list: { status: string; deadlineYear: number | null; deadlineDate: string | null }[]) {
  const counted = list.filter((m) => m.status !== "dropped");
  return {
    done: counted.filter((m) => m.status === "done").length,
    n: counted.length,
    overdue: counted.filter((m) => isOverdue(m)).length,
  };
}
