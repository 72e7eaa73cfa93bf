// Recent jobs from the status records, filtered by type and state; the jobs waiting for their due time, with Cancel;
// one job's record with its result blob's link and its history.
"use strict";
dashboard.header("/jobs");
const { el } = dashboard;
const params = new URLSearchParams(location.search);
const type = el("input", { id: "type", type: "search", placeholder: "job type", value: params.get("type") || "" });
const state = el("select", { id: "state" }, ...["", "Scheduled", "Queued", "Running", "Succeeded", "Failed", "Poisoned", "Cancelled"].map(s => el("option", { value: s }, s || "any state")));
state.value = params.get("state") || "";
const list = el("div", {});
const due = el("div", { id: "due" });
const detail = el("div", { id: "job" });
document.getElementById("content").replaceChildren(detail, el("p", {}, "Type ", type, " state ", state, " ", el("button", { onclick: load }, "Filter")), due, list);

async function showJob(id) {
  try {
    const { status, resultBlob, history } = await dashboard.get(`/api/jobs/${encodeURIComponent(id)}`);
    const rows = [["Job", status.jobId], ["Type", status.jobType], ["Queue", status.queue ?? "not named (a record written before the queue was kept)"], ["State", status.state], ["Progress", `${status.progress} %`], ["Attempts", status.attempts],
      ["Created", dashboard.time(status.createdAt)], ["Latest attempt started", dashboard.time(status.startedAt)], ["Completed", dashboard.time(status.completedAt)],
      ["Updated", dashboard.time(status.updatedAt)], ["Result", resultBlob ? el("a", { href: resultBlob, id: "result-blob" }, status.resultReference) : (status.resultReference ?? "")],
      ["Error", status.error ? el("pre", { className: "payload error" }, status.error) : ""]];
    detail.replaceChildren(el("h2", {}, `Job ${status.jobId}`), el("table", {}, ...rows.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v)))),
      ...historyOf(status, history));
  } catch (e) { detail.replaceChildren(el("p", { className: "error" }, e.message)); }
}

const outcomes = { Queued: "retried", Failed: "failed", Poisoned: "poisoned" };

// What storage can tell of the job's attempts and checkpoint, and, where it cannot, that it is not known and why.
function historyOf(status, history) {
  const parts = [el("h3", {}, "History")];
  const failed = history.failedAttempts;
  parts.push(el("p", { id: "history-attempts" }, `${history.attempts} attempt${history.attempts === 1 ? "" : "s"} began`,
    failed === null || failed === undefined ? "" : `; ${failed.length} did not succeed`,
    status.state === "Succeeded" ? "; the last succeeded." : "."));
  if (failed === null || failed === undefined) {
    parts.push(el("p", { className: "muted", id: "history-failures" }, "Failed attempts: not known (this record was written before they were kept)."));
  } else if (failed.length === 0) {
    parts.push(el("p", { className: "muted", id: "history-failures" }, "No attempt failed."));
  } else {
    parts.push(el("table", { id: "history-failures" }, el("tr", {}, ...["Attempt", "Started", "Ended", "Outcome", "Error"].map(h => el("th", {}, h))),
      ...failed.map(a => el("tr", { className: "attempt-row" }, el("td", {}, a.attempt), el("td", {}, a.startedAt ? dashboard.time(a.startedAt) : "not known"),
        el("td", {}, dashboard.time(a.endedAt)), el("td", {}, outcomes[a.outcome] || a.outcome),
        el("td", {}, a.error ? el("pre", { className: "payload error" }, a.error) : "")))));
  }
  if (history.messagesError) {
    parts.push(el("p", { className: "error", id: "history-messages" }, `Messages not looked at: ${history.messagesError}`));
  } else if (history.messages.length === 0) {
    const why = history.notLookedFor ? history.notLookedFor
      : status.state === "Poisoned" ? "its poison message is not among the first 32 of a poison queue (deleted, or behind others)"
      : "no message of it is visible now (a worker holds it, it waits for its retry, or it is behind the first 32 of its queue)";
    parts.push(el("p", { className: "muted", id: "history-messages" }, `Checkpoint: not known; ${why}. A checkpoint lives only in the job's message.`));
  } else {
    parts.push(el("table", { id: "history-messages" }, el("tr", {}, ...["Queue", "Message", "Taken", "Inserted", "Checkpoint", "Poisoned"].map(h => el("th", {}, h))),
      ...history.messages.map(m => el("tr", { className: "history-message" }, el("td", {}, m.queue), el("td", {}, m.messageId), el("td", {}, m.dequeueCount),
        el("td", {}, dashboard.time(m.insertedAt)),
        el("td", {}, m.checkpoint === null || m.checkpoint === undefined ? "none saved" : el("pre", { className: "payload checkpoint" }, m.checkpoint)),
        el("td", {}, m.poison ? el("pre", { className: "payload error" }, `${m.poison.reason} after ${m.poison.attempts} attempts: ${m.poison.error}`) : "")))));
  }
  if (!history.notLookedFor && !history.messagesError) {
    const poison = status.state === "Poisoned" ? "poison " : "";
    parts.push(el("p", { className: "muted", id: "history-looked-in" }, status.queue
      ? `Looked at the first 32 messages of: ${history.lookedIn.join(", ")} (the job's ${poison}queue, named by its record).`
      : history.lookedIn.length === 0
      ? `No ${poison}queue holds messages now, so none was looked at.`
      : `Looked at the first 32 messages of: ${history.lookedIn.join(", ")} (the ${poison}queues that hold messages now).`));
  }
  return parts;
}

const waitsIn = { jobsdue: "jobsdue (the due-jobs mover sends it 6 days ahead)", queue: "its queue, hidden until due",
  unknown: "not known (due after the jobsdue rows read)" };

// The jobs that wait for their due time, the next due first; Cancel for those that can be cancelled.
async function loadDue(query) {
  try {
    const listing = await dashboard.get(`/api/jobs/due?${query}`);
    const more = listing.complete ? "" : ` (among the first ${listing.scanned} records read; there may be more)`;
    const parts = [el("h2", {}, "Due later"),
      el("p", { id: "due-summary" }, listing.count === 0 ? `No job waits for its due time${more}.`
        : `${listing.count} job${listing.count === 1 ? " waits" : "s wait"} for ${listing.count === 1 ? "its" : "their"} due time${more}; next due: ${listing.nextDue.map(dashboard.time).join(", ")}.`)];
    if (listing.jobs.length > 0) {
      parts.push(el("table", { id: "due-jobs" }, el("tr", {}, ...["Job", "Type", "Queue", "Due", "Submitted", "Waits in", ""].map(h => el("th", {}, h))),
        ...listing.jobs.map(j => el("tr", { className: "due-row", dataset: { jobId: j.jobId } },
          el("td", {}, el("a", { href: `/jobs?id=${encodeURIComponent(j.jobId)}`, onclick: e => { e.preventDefault(); showJob(j.jobId); } }, j.jobId)),
          el("td", {}, j.jobType), el("td", { className: "due-queue" }, j.queue ?? "not named"), el("td", { className: "due-at" }, dashboard.time(j.dueAt)), el("td", {}, dashboard.time(j.createdAt)),
          el("td", { className: "waits-in" }, waitsIn[j.waitsIn] ?? j.waitsIn),
          el("td", {}, j.cancellable ? el("button", { className: "cancel", dataset: { jobId: j.jobId }, onclick: () => cancel(j.jobId) }, "Cancel") : "not cancellable")))));
    }
    due.replaceChildren(...parts);
  } catch (e) { due.replaceChildren(el("p", { className: "error" }, e.message)); }
}

async function cancel(id) {
  await dashboard.act("cancel", `/api/jobs/${encodeURIComponent(id)}/cancel`);
  load();
}

async function load() {
  const query = new URLSearchParams();
  if (type.value) { query.set("type", type.value); }
  loadDue(new URLSearchParams(query));
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
