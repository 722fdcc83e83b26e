// Suggests similar needs and projects while a need's title and problem are typed. Without
// JavaScript the form's "Check for similar" button does the same through the server.
const watch = document.querySelector(".similar-watch");
const results = document.getElementById("similar-results");
if (watch && results) {
  const fields = watch.querySelectorAll("input[name=title], textarea[name=problem]");
  const exclude = watch.dataset.similarExclude;
  let timer;
  let last = "";
  const update = async () => {
    const text = Array.from(fields, (f) => f.value)
      .join(" ")
      .trim();
    if (text === last || text.length < 3) return;
    last = text;
    const params = new URLSearchParams({ text });
    if (exclude) params.set("exclude", exclude);
    const response = await fetch(`/needs/similar?${params}`, { headers: { accept: "text/html" } });
    // Only the newest answer is shown; the server renders (and escapes) the fragment.
    if (response.ok && text === last) results.innerHTML = await response.text();
  };
  for (const field of fields)
    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(update, 400);
    });
}
