import { osloInstant } from "../../../platform/i18n/i18n.ts";

/**
 * When a meeting starts: its date and start time in Norway (midnight when it has no time). A
 * decision belongs to a meeting that has started; before that nothing has been decided.
 */
export const meetingStart = (meeting: { meetingDate: string; startTime: string }): Date =>
  osloInstant(meeting.meetingDate, meeting.startTime || "00:00");

export const meetingHasStarted = (meeting: { meetingDate: string; startTime: string }, now = new Date()): boolean =>
  meetingStart(meeting).getTime() <= now.getTime();
