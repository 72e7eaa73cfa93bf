// The overview: deployments, roles and instances, redrawn at every snapshot the emulator pushes (server-sent events).
"use strict";
dashboard.header("/");
const { el } = dashboard;
// What a person typed into a role's count stays there across redraws until they scale.
const typedCounts = new Map();

function render(snapshot) {
  const content = document.getElementById("content");
  const parts = [];
  parts.push(el("p", { className: "muted", id: "autoscale-mode" }, autoscaleModes[snapshot.autoscale] ?? `Autoscale: ${snapshot.autoscale}`));
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
      if (role.autoscale) { parts.push(autoscaleOf(role.name, role.autoscale)); }
      parts.push(table);
    }
  }
  // Keep a count input the person is typing in.
  const focused = document.activeElement && document.activeElement.classList.contains("scale-count") ? document.activeElement.dataset.role : null;
  content.replaceChildren(...parts);
  if (focused) { const again = content.querySelector(`input.scale-count[data-role="${CSS.escape(focused)}"]`); if (again) { again.focus(); } }
}

const autoscaleModes = {
  On: "Autoscale: the rules beside the cscfg are applied to production every 5 s.",
  Off: "Autoscale: off (run --no-autoscale): the cscfg's instance counts are kept.",
  NoRules: "Autoscale: no rules (no ServiceConfiguration.Autoscale.json with rules beside the cscfg).",
};

// A role's rule and the emulator's last round for it: the same view './cloudservice status' prints.
function autoscaleOf(roleName, rule) {
  const box = el("div", { className: "autoscale", dataset: { autoscale: roleName } },
    el("p", { className: "autoscale-rule" }, `Autoscale ${rule.minInstances} to ${rule.maxInstances} instances; steps +${rule.scaleOutStep} / -${rule.scaleInStep}; `,
      `cool-downs ${dashboard.span(rule.scaleOutCooldown)} out, ${dashboard.span(rule.scaleInCooldown)} in`));
  if (rule.queues.length > 0) {
    box.append(el("table", { className: "autoscale-queues" }, el("tr", {}, ...["Queue", "Messages now", "Per instance"].map(h => el("th", {}, h))),
      ...rule.queues.map(q => el("tr", { dataset: { queue: q.name } }, el("td", {}, q.name),
        el("td", { className: "queue-length" }, q.length ?? "not read yet"), el("td", {}, q.messagesPerInstance)))));
  }
  for (const s of rule.schedules) {
    box.append(el("p", { className: "autoscale-schedule" }, `${s.name}: at least ${s.minInstances} from "${s.start}" to "${s.end}" (${s.timeZone})`));
  }
  const last = rule.lastDecision;
  if (!last) {
    box.append(el("p", { className: "muted autoscale-decision" }, "No round yet."));
    return box;
  }
  box.append(el("p", { className: "autoscale-decision" }, `Last round ${dashboard.time(last.checkedAt)}: ${last.current} instance${last.current === 1 ? "" : "s"}, desired ${last.desired} (${last.reason})`,
    last.nextAllowedChange ? `; next allowed change ${dashboard.time(last.nextAllowedChange)}` : ""));
  box.append(el("p", { className: "autoscale-change" }, last.lastChange ? `Last change: ${last.lastChange}` : "No change made yet."));
  if (last.error) { box.append(el("p", { className: "error autoscale-error" }, last.error)); }
  return box;
}

const events = new EventSource("/api/events");
events.onmessage = e => render(JSON.parse(e.data));
events.onerror = () => dashboard.say("The emulator does not answer; retrying…", true);
events.onopen = () => dashboard.say("");
