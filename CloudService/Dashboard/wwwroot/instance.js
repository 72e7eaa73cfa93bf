// One instance: state, tasks, endpoints, recycle and scale, and its log file's tail (live, with level filter and search).
"use strict";
dashboard.header("");
const { el } = dashboard;
const id = new URLSearchParams(location.search).get("id") || "";
document.getElementById("title").textContent = id;
const maxLines = 2000;
let logFrom = null;
let lines = [];

const level = el("select", { id: "level", onchange: drawLog }, ...["ALL", "DEBUG", "INFO", "WARN", "ERROR"].map(l => el("option", { value: l }, l)));
const search = el("input", { id: "search", type: "search", placeholder: "search", oninput: drawLog });
const details = el("div", {});
let roleName = null;
const count = el("input", { type: "number", min: 1, max: 50, id: "scale-count" });
const actions = el("p", {}, el("button", { id: "recycle", onclick: () => dashboard.act("recycle", `/api/instances/${encodeURIComponent(id)}/recycle`) }, "Recycle"), " ",
  "Scale the role to ", count, " ",
  el("button", { id: "scale", onclick: () => dashboard.act("scale", `/api/roles/${encodeURIComponent(roleName)}/scale`, { count: Number(count.value) }) }, "Scale"));
const log = el("pre", { className: "log", id: "log" });
document.getElementById("content").replaceChildren(actions, details, el("h2", {}, "Log"), el("p", {}, "Level at least ", level, " ", search), log);

const levels = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3, FATAL: 4 };
function levelOf(line) { const m = /^\S+\s+(DEBUG|INFO|WARN|ERROR|FATAL)\b/.exec(line); return m ? m[1] : null; }

function drawLog() {
  const min = level.value === "ALL" ? -1 : levels[level.value];
  const needle = search.value.toLowerCase();
  const atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 20;
  const shown = [];
  let current = null;
  for (const line of lines) {
    current = levelOf(line) ?? current;
    if (min >= 0 && (current === null || levels[current] < min)) { continue; }
    if (needle && !line.toLowerCase().includes(needle)) { continue; }
    shown.push(el("div", { className: current || "" }, line));
  }
  log.replaceChildren(...shown);
  if (atEnd) { log.scrollTop = log.scrollHeight; }
}

async function pollLog() {
  try {
    const chunk = await dashboard.get(`/api/instances/${encodeURIComponent(id)}/log${logFrom === null ? "" : `?from=${logFrom}`}`);
    if (chunk.reset) { lines = []; }
    if (chunk.lines.length > 0 || chunk.reset) {
      lines = lines.concat(chunk.lines).slice(-maxLines);
      drawLog();
    }
    logFrom = chunk.to;
    // A full chunk means more is waiting: a role logging faster than a chunk a second is followed at once.
    if (chunk.to - chunk.from >= 32 * 1024) { setTimeout(pollLog, 0); return; }
  } catch (e) { dashboard.say(`log: ${e.message}`, true); }
  setTimeout(pollLog, 1000);
}

// Which tasks' stacks the person opened: the page is redrawn at every push, and an opened stack stays open.
const openStacks = new Set();

// The error line, and its stack collapsed under it (as text, however it reads).
function lastError(task) {
  if (!task.lastError) { return ""; }
  if (!task.lastErrorStack) { return el("pre", { className: "payload" }, task.lastError); }
  const stack = el("details", { className: "stack", dataset: { task: task.name }, open: openStacks.has(task.name),
    ontoggle: e => { if (e.target.open) { openStacks.add(task.name); } else { openStacks.delete(task.name); } } },
    el("summary", {}, task.lastError), el("pre", { className: "payload stack-text" }, task.lastErrorStack));
  return stack;
}

function drawInstance(instance, now) {
  roleName = instance.roleName;
  const rows = [["Role", instance.roleName], ["State", el("span", { className: `state state-${instance.state}`, dataset: { instanceState: instance.instanceId } }, instance.state)],
    ["Detail", instance.detail ?? ""], ["Update domain", instance.updateDomain], ["Fault domain", instance.faultDomain],
    ["Restarts", instance.restarts],
    ["Uptime", el("span", { id: "uptime" }, instance.uptime ? dashboard.span(instance.uptime) : "no process")],
    ["Process started", dashboard.time(instance.processStartedAt)],
    ["In state for", dashboard.duration(instance.stateSince, now)],
    ["Process", instance.processId ?? ""], ["Last exit code", instance.lastExitCode ?? ""]];
  const tasks = el("table", {}, el("tr", {}, ...["Task", "State", "Restarts", "Started", "Last error", "At"].map(h => el("th", {}, h))),
    ...instance.tasks.map(t => el("tr", {}, el("td", {}, t.name), el("td", {}, t.state), el("td", {}, t.restarts), el("td", {}, dashboard.time(t.startedAt)),
      el("td", {}, lastError(t)), el("td", {}, dashboard.time(t.lastErrorAt)))));
  const endpoints = el("table", {}, el("tr", {}, ...["Endpoint", "Protocol", "Listens at", "Public port"].map(h => el("th", {}, h))),
    ...instance.endpoints.map(e => el("tr", {}, el("td", {}, e.name), el("td", {}, e.protocol), el("td", {}, e.url), el("td", {}, e.publicPort ?? ""))));
  details.replaceChildren(
    el("table", {}, ...rows.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v)))),
    el("h2", {}, "Supervised tasks"), instance.tasks.length ? tasks : el("p", { className: "muted" }, "The role publishes no supervised tasks."),
    el("h2", {}, "Endpoints"), instance.endpoints.length ? endpoints : el("p", { className: "muted" }, "No endpoints."));
}

const events = new EventSource("/api/events");
events.onmessage = e => {
  const snapshot = JSON.parse(e.data);
  const instance = snapshot.deployments.flatMap(d => d.roles).flatMap(r => r.instances).find(i => i.instanceId.toLowerCase() === id.toLowerCase());
  if (instance) { drawInstance(instance, snapshot.takenAt); }
  else { details.replaceChildren(el("p", { className: "muted" }, `No instance ${id} now.`)); }
};
pollLog();
