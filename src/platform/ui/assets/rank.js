// Ranking with buttons: each row gets "up" and "down", which move it within its track and number
// the track again from 1. Without JavaScript the numbers are typed by hand.
for (const track of document.querySelectorAll(".rank-track")) {
  const body = track.querySelector("tbody");
  if (!body) continue;
  const labels = [track.dataset.upLabel, track.dataset.downLabel];
  const renumber = () => {
    body.querySelectorAll("tr").forEach((row, i) => {
      row.querySelector(".rank-input").value = String(i + 1);
    });
  };
  for (const row of body.querySelectorAll("tr")) {
    const title = row.querySelector("th")?.firstChild?.textContent?.trim() ?? "";
    const cell = row.querySelector("td");
    labels.forEach((label, i) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ds-button";
      button.dataset.variant = "tertiary";
      button.dataset.size = "sm";
      button.textContent = i === 0 ? "↑" : "↓";
      button.setAttribute("aria-label", `${label}: ${title}`);
      button.addEventListener("click", () => {
        const sibling = i === 0 ? row.previousElementSibling : row.nextElementSibling;
        if (!sibling) return;
        if (i === 0) body.insertBefore(row, sibling);
        else body.insertBefore(sibling, row);
        renumber();
        button.focus();
      });
      cell.appendChild(button);
    });
  }
}
