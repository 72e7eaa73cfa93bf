// Scheduled jobs (next run, last run, outcome, duration, instance) and singletons (which instance holds each).
"use strict";
dashboard.header("/schedules");
const { el } = dashboard;
const content = document.getElementById("content");

async function load() {
  try {
    const { schedules, singletons } = await dashboard.get("/api/schedules");
    const parts = [el("h2", {}, "Scheduled jobs")];
    parts.push(schedules.length === 0 ? el("p", { className: "muted", id: "no-schedules" }, "No scheduled jobs are declared (none has run against this storage account).")
      : el("table", { id: "schedules" }, el("tr", {}, ...["Name", "Expression", "Next due", "Last run", "Outcome", "Duration", "Instance", "Runs", "Last error"].map(h => el("th", {}, h))),
        ...schedules.map(s => el("tr", {}, el("td", {}, s.name), el("td", {}, `${s.expression} (${s.timeZone})`), el("td", {}, dashboard.time(s.nextDue)),
          el("td", {}, dashboard.time(s.lastRunStart)), el("td", {}, s.lastOutcome), el("td", {}, s.lastDuration ?? ""), el("td", {}, s.lastInstance ?? ""),
          el("td", {}, s.totalRuns), el("td", {}, s.lastError ? el("pre", { className: "payload error" }, s.lastError) : "")))));
    parts.push(el("h2", {}, "Singletons"));
    parts.push(singletons.length === 0 ? el("p", { className: "muted" }, "No singleton tasks are declared.")
      : el("table", { id: "singletons" }, el("tr", {}, ...["Name", "Held", "By", "Since"].map(h => el("th", {}, h))),
        ...singletons.map(s => el("tr", {}, el("td", {}, s.name), el("td", {}, s.isHeld ? "yes" : "no"), el("td", {}, s.holder ?? ""), el("td", {}, dashboard.time(s.heldSince))))));
    content.replaceChildren(...parts);
  } catch (e) { content.replaceChildren(el("p", { className: "error" }, e.message)); }
}

load();
setInterval(load, 5000);
