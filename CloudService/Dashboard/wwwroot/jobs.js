// Recent jobs from the status records, filtered by type and state; one job's record with its result blob's link.
"use strict";
dashboard.header("/jobs");
const { el } = dashboard;
const params = new URLSearchParams(location.search);
const type = el("input", { id: "type", type: "search", placeholder: "job type", value: params.get("type") || "" });
const state = el("select", { id: "state" }, ...["", "Queued", "Running", "Succeeded", "Failed", "Poisoned"].map(s => el("option", { value: s }, s || "any state")));
state.value = params.get("state") || "";
const list = el("div", {});
const detail = el("div", { id: "job" });
document.getElementById("content").replaceChildren(detail, el("p", {}, "Type ", type, " state ", state, " ", el("button", { onclick: load }, "Filter")), list);

async function showJob(id) {
  try {
    const { status, resultBlob } = await dashboard.get(`/api/jobs/${encodeURIComponent(id)}`);
    const rows = [["Job", status.jobId], ["Type", status.jobType], ["State", status.state], ["Progress", `${status.progress} %`], ["Attempts", status.attempts],
      ["Created", dashboard.time(status.createdAt)], ["Latest attempt started", dashboard.time(status.startedAt)], ["Completed", dashboard.time(status.completedAt)],
      ["Updated", dashboard.time(status.updatedAt)], ["Result", resultBlob ? el("a", { href: resultBlob, id: "result-blob" }, status.resultReference) : (status.resultReference ?? "")],
      ["Error", status.error ? el("pre", { className: "payload error" }, status.error) : ""]];
    detail.replaceChildren(el("h2", {}, `Job ${status.jobId}`), el("table", {}, ...rows.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v)))));
  } catch (e) { detail.replaceChildren(el("p", { className: "error" }, e.message)); }
}

async function load() {
  const query = new URLSearchParams();
  if (type.value) { query.set("type", type.value); }
  if (state.value) { query.set("state", state.value); }
  try {
    const listing = await dashboard.get(`/api/jobs?${query}`);
    const table = el("table", { id: "jobs" }, el("tr", {}, ...["Job", "Type", "State", "Attempts", "Updated", "Error"].map(h => el("th", {}, h))),
      ...listing.jobs.map(j => el("tr", { className: "job-row", dataset: { jobId: j.jobId } },
        el("td", {}, el("a", { href: `/jobs?id=${encodeURIComponent(j.jobId)}`, onclick: e => { e.preventDefault(); showJob(j.jobId); } }, j.jobId)),
        el("td", {}, j.jobType), el("td", {}, j.state), el("td", {}, j.attempts), el("td", {}, dashboard.time(j.updatedAt)), el("td", {}, j.error ?? ""))));
    const note = listing.complete ? `${listing.jobs.length} shown of ${listing.scanned} records` : `${listing.jobs.length} shown; only the first ${listing.scanned} records were read`;
    list.replaceChildren(el("p", { className: "muted" }, note), listing.jobs.length ? table : el("p", { className: "muted" }, "No jobs."));
  } catch (e) { list.replaceChildren(el("p", { className: "error" }, e.message)); }
}

if (params.get("id")) { showJob(params.get("id")); }
load();
setInterval(load, 5000);
