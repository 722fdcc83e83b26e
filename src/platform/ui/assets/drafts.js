// Keeps what was typed when a sent form is lost on the way (a post too large to be received, a
// dropped connection): the text fields are kept in this tab's sessionStorage as the form is sent,
// and put back into the empty fields when the person returns to the form with Back. A form the
// server answered (with errors, or a page holding the same form) takes the place of what was kept.
// Without JavaScript the browser's own restoring of forms does what it can.
const SENT = "samverk:sent-form";
const MAX_AGE_MS = 30 * 60_000;
const TEXT_TYPES = new Set(["text", "email", "url", "search", "tel", "number", "date", "time"]);

const textFields = (form) =>
  Array.from(form.elements).filter(
    (el) =>
      el.name &&
      !el.disabled &&
      !el.readOnly &&
      (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type))),
  );

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method !== "post") return;
  const fields = textFields(form).map((el) => [el.name, el.value]);
  try {
    sessionStorage.setItem(SENT, JSON.stringify({ action: form.action, at: Date.now(), fields }));
  } catch {
    // More than this tab may keep: the browser's own restoring is all there is.
  }
});

function read() {
  try {
    return JSON.parse(sessionStorage.getItem(SENT) ?? "null");
  } catch {
    return null;
  }
}

const sent = read();
const form = sent && Array.from(document.forms).find((f) => f.action === sent.action);
if (form) {
  const [navigation] = performance.getEntriesByType("navigation");
  if (navigation?.type === "back_forward" && Date.now() - sent.at < MAX_AGE_MS) {
    // The n-th field of a name gets the n-th value kept for it; a field with text in it keeps its own.
    const kept = new Map();
    for (const [name, value] of sent.fields) kept.set(name, [...(kept.get(name) ?? []), value]);
    for (const el of textFields(form)) {
      const value = kept.get(el.name)?.shift();
      if (value && !el.value) el.value = value;
    }
  }
  sessionStorage.removeItem(SENT);
}
