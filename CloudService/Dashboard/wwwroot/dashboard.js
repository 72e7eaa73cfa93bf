// Shared by every page. Everything from the emulator or storage is put into the page as text (textContent),
// never as markup, so a payload or a log line with <script> shows as what it is.
"use strict";

const dashboard = (() => {
  let antiforgery = null;

  async function session() {
    if (antiforgery === null) {
      const answer = await fetch("/api/session", { credentials: "same-origin" });
      antiforgery = (await answer.json()).antiforgery;
    }
    return antiforgery;
  }

  async function get(url) {
    const answer = await fetch(url, { credentials: "same-origin" });
    const body = await answer.json();
    if (!answer.ok) { throw new Error(body.error || answer.statusText); }
    return body;
  }

  async function post(url, body) {
    const token = await session();
    const answer = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Dashboard-Antiforgery": token },
      body: JSON.stringify(body || {}),
    });
    const text = await answer.text();
    let parsed = {};
    try { parsed = JSON.parse(text); } catch { parsed = { error: text }; }
    if (!answer.ok) { throw new Error(parsed.error || answer.statusText); }
    return parsed;
  }

  // el("td", { className: "x", dataset: { a: "b" } }, "text", otherNode): children that are strings become text nodes.
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "dataset") { Object.assign(node.dataset, value); }
      else if (key.startsWith("on")) { node.addEventListener(key.substring(2), value); }
      else { node[key] = value; }
    }
    for (const child of children) {
      if (child === null || child === undefined) { continue; }
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function duration(fromIso, nowIso) {
    let seconds = Math.max(0, Math.floor((Date.parse(nowIso) - Date.parse(fromIso)) / 1000));
    const days = Math.floor(seconds / 86400); seconds -= days * 86400;
    const hours = Math.floor(seconds / 3600); seconds -= hours * 3600;
    const minutes = Math.floor(seconds / 60); seconds -= minutes * 60;
    if (days > 0) { return `${days}d ${hours}h`; }
    if (hours > 0) { return `${hours}h ${minutes}m`; }
    if (minutes > 0) { return `${minutes}m ${seconds}s`; }
    return `${seconds}s`;
  }

  // A .NET TimeSpan as JSON gives it ("[d.]hh:mm:ss[.fffffff]"), shown like duration().
  function span(text) {
    const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(text || "");
    if (!m) { return ""; }
    const seconds = (Number(m[1] || 0) * 86400) + (Number(m[2]) * 3600) + (Number(m[3]) * 60) + Number(m[4]);
    return duration(new Date(0).toISOString(), new Date(seconds * 1000).toISOString());
  }

  function time(iso) { return iso ? new Date(iso).toISOString().replace("T", " ").substring(0, 19) + "Z" : ""; }

  function say(text, isError) {
    const box = document.getElementById("message");
    box.className = isError ? "message error" : "message";
    box.textContent = text;
  }

  async function act(what, url, body) {
    try { say((await post(url, body)).message || "done"); }
    catch (e) { say(`${what}: ${e.message}`, true); }
  }

  function header(current) {
    const pages = [["/", "Overview"], ["/queues", "Queues"], ["/jobs", "Jobs"], ["/schedules", "Schedules"], ["/triggers", "Triggers"]];
    const bar = el("header", {}, el("span", { className: "title" }, "BackgroundRoles emulator"));
    for (const [href, name] of pages) {
      bar.append(el("a", { href, className: href === current ? "current" : "" }, name));
    }
    document.body.prepend(bar);
  }

  return { get, post, el, duration, span, time, say, act, header, session };
})();
