// Queues with their depth and a sparkline, poison queues beside their queues; a queue's messages peeked, with the
// decoded job envelope and, for poison messages, the recorded error and attempts; requeue and delete, one or all.
"use strict";
dashboard.header("/queues");
const { el } = dashboard;
let selected = new URLSearchParams(location.search).get("queue");
const list = el("div", {});
const messages = el("div", { id: "messages" });
document.getElementById("content").replaceChildren(list, messages);

function sparkline(history) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "spark");
  svg.setAttribute("width", "120");
  svg.setAttribute("height", "24");
  if (history.length > 1) {
    const max = Math.max(1, ...history);
    const points = history.map((d, i) => `${(i * 118 / (history.length - 1) + 1).toFixed(1)},${(22 - d * 20 / max).toFixed(1)}`).join(" ");
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points);
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", "#3b6fd6");
    line.setAttribute("stroke-width", "1.5");
    svg.append(line);
  }
  return svg;
}

function show(name) {
  selected = name;
  history.replaceState(null, "", `/queues?queue=${encodeURIComponent(name)}`);
  loadMessages();
}

async function loadQueues() {
  try {
    const { queues } = await dashboard.get("/api/queues");
    const byName = new Map(queues.map(q => [q.name, q]));
    const table = el("table", { id: "queues" }, el("tr", {}, ...["Queue", "Depth", "Last minutes", "", "Poison queue", "Depth", ""].map(h => el("th", {}, h))));
    for (const queue of queues.filter(q => !q.isPoison || !byName.has(q.sourceQueue))) {
      const poison = byName.get(`${queue.name}-poison`);
      table.append(el("tr", { dataset: { queue: queue.name } },
        el("td", {}, queue.name), el("td", { className: "depth" }, queue.approximateDepth), el("td", {}, sparkline(queue.history)),
        el("td", {}, el("button", { className: "view", onclick: () => show(queue.name) }, "Messages")),
        el("td", {}, poison ? poison.name : ""), el("td", { className: "poison-depth" }, poison ? poison.approximateDepth : ""),
        el("td", {}, poison ? el("button", { className: "view-poison", dataset: { queue: poison.name }, onclick: () => show(poison.name) }, "Poison messages") : "")));
    }
    list.replaceChildren(queues.length ? table : el("p", { className: "muted" }, "The storage account has no queues."));
  } catch (e) { list.replaceChildren(el("p", { className: "error" }, e.message)); }
}

async function act(what, url, body) {
  await dashboard.act(what, url, body);
  await loadMessages();
  await loadQueues();
}

async function loadMessages() {
  if (!selected) { messages.replaceChildren(); return; }
  const name = selected;
  const base = `/api/queues/${encodeURIComponent(name)}`;
  const isPoison = name.endsWith("-poison");
  try {
    const { messages: peeked } = await dashboard.get(`${base}/messages`);
    const heading = el("h2", {}, `${name}: the first ${peeked.length} messages `,
      isPoison && peeked.length ? el("button", { id: "requeue-all", onclick: () => act("requeue all", `${base}/requeue-all`) }, "Requeue all") : null, " ",
      peeked.length ? el("button", { id: "delete-all", onclick: () => { if (confirm(`Delete every message of ${name}?`)) { act("delete all", `${base}/delete-all`); } } }, "Delete all") : null);
    const table = el("table", {}, el("tr", {}, ...["Message", "Dequeued", "Inserted", "Job", "Type", isPoison ? "Why poisoned" : "", "Payload", ""].map(h => el("th", {}, h))));
    for (const message of peeked) {
      const job = message.job || {};
      const poison = message.poison;
      table.append(el("tr", { className: "message-row", dataset: { messageId: message.messageId, jobId: job.jobId || "" } },
        el("td", {}, message.messageId), el("td", {}, message.dequeueCount), el("td", {}, dashboard.time(message.insertedAt)),
        el("td", {}, job.jobId ? el("a", { href: `/jobs?id=${encodeURIComponent(job.jobId)}` }, job.jobId) : ""),
        el("td", {}, job.jobType || ""),
        el("td", {}, poison ? el("div", {}, el("div", {}, `${poison.reason} after ${poison.attempts} attempts, ${dashboard.time(poison.movedAt)}`),
          el("pre", { className: "payload error" }, poison.error)) : ""),
        el("td", {}, el("pre", { className: "payload" }, job.payload ?? (job.payloadBlob ? `(in blob ${job.payloadBlob})` : message.text ?? ""))),
        el("td", {},
          isPoison ? el("button", { className: "requeue", onclick: () => act("requeue", `${base}/requeue`, { messageId: message.messageId }) }, "Requeue") : null, " ",
          el("button", { className: "delete", onclick: () => act("delete", `${base}/delete`, { messageId: message.messageId }) }, "Delete"))));
    }
    messages.replaceChildren(heading, peeked.length ? table : el("p", { className: "muted" }, "No messages."));
  } catch (e) { messages.replaceChildren(el("p", { className: "error" }, e.message)); }
}

loadQueues();
loadMessages();
setInterval(loadQueues, 3000);
setInterval(loadMessages, 3000);
