// The overview: deployments, roles and instances, redrawn at every snapshot the emulator pushes (server-sent events).
"use strict";
dashboard.header("/");
const { el } = dashboard;
// What a person typed into a role's count stays there across redraws until they scale.
const typedCounts = new Map();

function render(snapshot) {
  const content = document.getElementById("content");
  const parts = [];
  if (snapshot.deployments.length === 0) { parts.push(el("p", { className: "muted" }, "No deployment runs.")); }
  for (const deployment of snapshot.deployments) {
    parts.push(el("h2", {}, `${deployment.serviceName} · ${deployment.id}`, deployment.slot ? ` (${deployment.slot})` : "",
      deployment.stopping ? " · stopping" : "",
      el("span", { className: "muted" }, ` · up ${dashboard.duration(deployment.startedAt, snapshot.takenAt)}`)));
    for (const role of deployment.roles) {
      const count = el("input", { type: "number", min: 1, max: 50, value: typedCounts.get(role.name) ?? role.targetCount, className: "scale-count", dataset: { role: role.name },
        oninput: e => typedCounts.set(role.name, e.target.value) });
      parts.push(el("h3", {}, role.name, " ",
        el("span", { className: "muted" }, `${role.instances.length} of ${role.targetCount} · scale to `), count, " ",
        el("button", { className: "scale", dataset: { role: role.name }, onclick: () => { typedCounts.delete(role.name); dashboard.act("scale", `/api/roles/${encodeURIComponent(role.name)}/scale`, { count: Number(count.value) }); } }, "Scale")));
      const table = el("table", {}, el("tr", {}, ...["Instance", "State", "Update domain", "Fault domain", "Restarts", "Uptime", "In state for", "Process", "Tasks", ""].map(h => el("th", {}, h))));
      for (const instance of role.instances) {
        const failing = instance.tasks.filter(t => t.state !== "Running").length;
        table.append(el("tr", { dataset: { instance: instance.instanceId } },
          el("td", {}, el("a", { href: `/instance?id=${encodeURIComponent(instance.instanceId)}` }, instance.instanceId)),
          el("td", {}, el("span", { className: `state state-${instance.state}`, dataset: { instanceState: instance.instanceId } }, instance.state),
            instance.detail ? el("span", { className: "muted" }, ` ${instance.detail}`) : null),
          el("td", {}, instance.updateDomain), el("td", {}, instance.faultDomain), el("td", {}, instance.restarts),
          el("td", { className: "uptime", dataset: { uptime: instance.instanceId } }, instance.uptime ? dashboard.span(instance.uptime) : "no process"),
          el("td", {}, dashboard.duration(instance.stateSince, snapshot.takenAt)),
          el("td", {}, instance.processId ?? ""),
          el("td", {}, instance.tasks.length === 0 ? "" : `${instance.tasks.length}${failing > 0 ? ` (${failing} not running)` : ""}`),
          el("td", {}, el("button", { className: "recycle", dataset: { instance: instance.instanceId }, onclick: () => dashboard.act("recycle", `/api/instances/${encodeURIComponent(instance.instanceId)}/recycle`) }, "Recycle"))));
      }
      parts.push(table);
    }
  }
  // Keep a count input the person is typing in.
  const focused = document.activeElement && document.activeElement.classList.contains("scale-count") ? document.activeElement.dataset.role : null;
  content.replaceChildren(...parts);
  if (focused) { const again = content.querySelector(`input.scale-count[data-role="${CSS.escape(focused)}"]`); if (again) { again.focus(); } }
}

const events = new EventSource("/api/events");
events.onmessage = e => render(JSON.parse(e.data));
events.onerror = () => dashboard.say("The emulator does not answer; retrying…", true);
events.onopen = () => dashboard.say("");
