// Blob triggers: what each watches, its cursor, its receipts by state, and its newest failed versions with their errors.
"use strict";
dashboard.header("/triggers");
const { el } = dashboard;
const content = document.getElementById("content");
const states = ["running", "retrying", "succeeded", "failed", "poisoned"];

function failures(t) {
  if (t.newestFailures.length === 0) { return null; }
  return el("table", { className: "failures", dataset: { trigger: t.name } },
    el("tr", {}, ...["Blob", "State", "Attempts", "Ended", "Error", "Job"].map(h => el("th", {}, h))),
    ...t.newestFailures.map(f => el("tr", { className: "failure-row", dataset: { state: f.state } },
      el("td", {}, el("pre", { className: "payload blob-name" }, f.blobName)), el("td", { className: "state" }, f.state), el("td", {}, f.attempts),
      el("td", {}, dashboard.time(f.updatedAt)), el("td", {}, f.error ? el("pre", { className: "payload error" }, f.error) : ""),
      el("td", {}, el("a", { href: `/jobs?id=${encodeURIComponent(f.jobId)}` }, "status")))));
}

async function load() {
  try {
    const { triggers } = await dashboard.get("/api/triggers");
    if (triggers.length === 0) {
      content.replaceChildren(el("p", { className: "muted", id: "no-triggers" }, "No blob triggers have scanned against this storage account."));
      return;
    }
    const parts = [el("table", { id: "triggers" },
      el("tr", {}, ...["Name", "Container", "Pattern", "Cursor", "Running", "Retrying", "Succeeded", "Failed", "Poisoned"].map(h => el("th", {}, h))),
      ...triggers.map(t => el("tr", { className: "trigger-row", dataset: { trigger: t.name } },
        el("td", {}, t.name), el("td", {}, t.container ?? "?"), el("td", {}, t.namePattern || "(every blob)"), el("td", {}, dashboard.time(t.cursor)),
        ...states.map(s => el("td", { className: `count-${s}` }, `${t[s]}${t.countsComplete ? "" : "+"}`)))))];
    for (const t of triggers) {
      const table = failures(t);
      if (table) { parts.push(el("h2", {}, `Newest failed versions of ${t.name}`), table); }
    }
    content.replaceChildren(...parts);
  } catch (e) { content.replaceChildren(el("p", { className: "error" }, e.message)); }
}

load();
setInterval(load, 5000);
