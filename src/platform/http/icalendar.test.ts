import assert from "node:assert/strict";
import { test } from "node:test";
import ICAL from "ical.js";
import { type CalendarEvent, sequenceOf, toICalendar } from "./icalendar.ts";

const updatedAt = new Date("2026-03-04T10:11:12.345Z");
const base = { description: "", url: "https://samverk.example/x/1", updatedAt };

const parse = (text: string) => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents("vevent") };
};

test("text with commas, semicolons, backslashes, newlines and long lines comes out folded and reads back as written", () => {
  const summary = `Møte, del 1; «budsjett» \\ plan ${"og æøå ".repeat(20)}`;
  const description = `Første linje, med komma\nAndre linje; med semikolon\r\n${"lang tekst ".repeat(30)}😀 slutt`;
  const location = "Sandnes, rom 2; 3. etasje";
  const name = "Digi Rogaland, Agder; kalender\nfor alle";
  const text = toICalendar(name, [
    { ...base, uid: "a@samverk", summary, description, location, when: { start: new Date("2027-03-01T09:00:00Z") } },
  ]);
  const lines = text.split("\r\n");
  assert.equal(lines.at(-1), "", "every line ends with CRLF, the last too");
  assert.ok(
    lines.every((line) => Buffer.byteLength(line, "utf8") <= 75),
    "no line is longer than 75 octets",
  );
  assert.ok(!/[^\r]\n/.test(text), "no bare newline: text newlines are escaped");
  // Unfolded, the escaped values are whole on one line each.
  const unfolded = text.replace(/\r\n[ \t]/g, "");
  assert.ok(unfolded.includes(`SUMMARY:Møte\\, del 1\\; «budsjett» \\\\ plan `));
  assert.ok(unfolded.includes("X-WR-CALNAME:Digi Rogaland\\, Agder\\; kalender\\nfor alle\r\n"), "the name escaped too");
  assert.ok(unfolded.includes("LOCATION:Sandnes\\, rom 2\\; 3. etasje\r\n"));
  // A standard parser reads back exactly what was written (ical.js leaves the name's X- property raw).
  const { events } = parse(text);
  const event = new ICAL.Event(events[0]!);
  assert.equal(event.summary, summary);
  assert.equal(event.description, description.replace(/\r\n/g, "\n"));
  assert.equal(event.location, location);
});

test("whole days with the end exclusive, timed events in UTC, a moment alone, busy or not", () => {
  const events: CalendarEvent[] = [
    { ...base, uid: "day@samverk", summary: "Q3", when: { startDate: "2027-07-01", endDate: "2027-10-01" } },
    {
      ...base,
      uid: "timed@samverk",
      summary: "Samling",
      when: { start: new Date("2027-03-01T09:00:00Z"), end: new Date("2027-03-01T15:30:00Z") },
      busy: true,
    },
    { ...base, uid: "moment@samverk", summary: "Møte", when: { start: new Date("2027-03-02T08:00:00Z") }, busy: true },
  ];
  const text = toICalendar("Kalender", events, "Roadmap");
  assert.match(text, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:-\/\/Samverk\/\/Roadmap\/\/NB\r\n/);
  assert.match(text, /\r\nMETHOD:PUBLISH\r\n/);
  assert.match(text, /\r\nCALSCALE:GREGORIAN\r\n/);
  const [day, timed, moment] = parse(text).events;
  assert.equal(day!.getFirstPropertyValue("uid"), "day@samverk");
  assert.match(text, /DTSTART;VALUE=DATE:20270701\r\nDTEND;VALUE=DATE:20271001\r\n/);
  assert.equal(day!.getFirstPropertyValue("transp"), "TRANSPARENT", "a milestone takes no one's time");
  assert.match(text, /DTSTART:20270301T090000Z\r\nDTEND:20270301T153000Z\r\n/);
  assert.equal(timed!.getFirstPropertyValue("transp"), "OPAQUE");
  assert.equal(timed!.getFirstPropertyValue("url"), "https://samverk.example/x/1");
  assert.equal(moment!.getFirstProperty("dtend"), null, "a moment has no end");
  for (const e of [day!, timed!, moment!]) {
    assert.equal(String(e.getFirstPropertyValue("dtstamp")), "2026-03-04T10:11:12Z");
    assert.equal(String(e.getFirstPropertyValue("last-modified")), "2026-03-04T10:11:12Z");
    assert.equal(e.getFirstPropertyValue("sequence"), 0, "no revision given: 0");
  }
});

test("the sequence counts seconds since 2020 from the last change: it rises with every save and is never below 0", () => {
  const before = new Date("2026-03-04T10:11:12Z");
  const moved = new Date("2026-03-04T10:11:13Z");
  assert.ok(sequenceOf(moved) > sequenceOf(before));
  assert.equal(sequenceOf(new Date("2020-01-01T00:00:00Z")), 0);
  assert.equal(sequenceOf(new Date("2019-06-01T00:00:00Z")), 0);
  assert.ok(sequenceOf(new Date("2088-01-01T00:00:00Z")) < 2 ** 31, "an iCalendar INTEGER for decades");
  const text = toICalendar("K", [
    { ...base, uid: "s@samverk", summary: "S", sequence: sequenceOf(moved), when: { start: moved } },
  ]);
  assert.equal(parse(text).events[0]!.getFirstPropertyValue("sequence"), sequenceOf(moved));
});
