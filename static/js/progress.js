/* Live extraction view: replays the events already recorded, then follows the SSE stream.
   EventSource reconnects by itself and sends Last-Event-ID; ids already shown are skipped. */
(function () {
  "use strict";
  const root = document.querySelector("[data-progress]");
  if (!root) return;
  const el = window.R2W.el;
  const steps = root.querySelector("[data-progress-steps]");
  const bar = root.querySelector("[data-progress-bar]");
  const percentText = root.querySelector("[data-progress-percent]");
  const title = root.querySelector("[data-progress-title]");
  const outcome = root.querySelector("[data-progress-outcome]");
  const connection = root.querySelector("[data-connection]");
  const NEXT_STEPS = JSON.parse(document.getElementById("progress-next-steps").textContent);
  const seen = new Set();
  let lastId = 0;
  let source = null;
  let finished = root.dataset.status === "done" || root.dataset.status === "failed";

  function setPercent(pct) {
    if (pct === null || pct === undefined) return;
    const current = parseInt(percentText.textContent, 10) || 0;
    const value = Math.max(current, Math.min(100, pct));
    percentText.textContent = String(value);
    bar.firstElementChild.style.width = value + "%";
    bar.setAttribute("aria-valuenow", String(value));
  }

  function setConnection(text, cls) {
    connection.textContent = text;
    connection.className = "badge " + (cls || "");
  }

  function addStep(ev) {
    const label = ev.message || ev.step || ev.type;
    const time = ev.timestamp ? new Date(ev.timestamp).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "";
    steps.append(el("li", { class: "ev-" + ev.type, "data-event-id": String(ev.id), "data-step": ev.step || "" }, [
      el("span", { class: "dot", "aria-hidden": "true" }),
      el("span", { text: label }),
      el("time", { text: time }),
    ]));
  }

  function complete(ev) {
    finished = true;
    setPercent(100);
    bar.classList.add("is-done");
    title.textContent = "Done — your CV is ready";
    setConnection("finished", "badge-success");
    root.querySelector("[data-progress-actions]").hidden = false;
    const conf = ev.data && ev.data.confidence;
    if (typeof conf === "number") {
      outcome.replaceChildren(el("p", { class: "muted small", style: "margin:.75rem 0 0",
        text: "Confidence " + Math.round(conf * 100) + " %. Check each section before you publish — you have the final word." }));
    }
  }

  function fail(ev) {
    finished = true;
    bar.classList.add("is-error");
    title.textContent = "We couldn't read this CV";
    setConnection("stopped", "badge-danger");
    const advice = NEXT_STEPS[(ev.data && ev.data.code) || ""] || NEXT_STEPS.default;
    outcome.replaceChildren(el("div", { class: "alert alert-danger", role: "alert", style: "margin-top:1rem" }, [
      el("strong", { text: ev.message || "Extraction failed." }),
      document.createTextNode("What to do next: " + advice),
    ]));
    root.querySelector("[data-progress-retry]").hidden = false;
  }

  function handle(ev) {
    if (ev.type === "heartbeat") { if (!finished) setConnection("live", "badge-success"); return; }
    const id = Number(ev.id);
    if (id && seen.has(id)) return;
    if (id) { seen.add(id); lastId = Math.max(lastId, id); }
    addStep(ev);
    setPercent(ev.percent);
    if (ev.type === "complete") complete(ev);
    else if (ev.type === "error") fail(ev);
  }

  function onMessage(e) {
    let ev;
    try { ev = JSON.parse(e.data); } catch (err) { return; }
    if (!ev.type) ev.type = e.type === "message" ? "progress" : e.type;
    if (ev.id === undefined && e.lastEventId) ev.id = e.lastEventId;
    handle(ev);
    if (finished && source) { source.close(); source = null; }
  }

  function connect() {
    if (finished) return;
    const url = root.dataset.stream + (lastId ? "?last_event_id=" + lastId : "");
    source = new EventSource(url);
    source.addEventListener("open", () => setConnection("live", "badge-success"));
    ["progress", "step", "complete", "error", "warning", "heartbeat", "message"].forEach((t) => source.addEventListener(t, onMessage));
    source.addEventListener("error", () => {
      if (finished) return;
      if (source && source.readyState === EventSource.CLOSED) {
        // The server refused or closed for good: reconnect ourselves, asking for what we missed.
        source = null;
        setConnection("reconnecting…", "badge-warning");
        setTimeout(connect, 2000);
      } else {
        setConnection("reconnecting…", "badge-warning");
      }
    });
  }

  root.querySelector("[data-retry]").addEventListener("click", (e) => {
    const button = e.currentTarget;
    button.disabled = true;
    fetch(root.dataset.retryUrl, { method: "POST", credentials: "same-origin",
      headers: { "X-CSRFToken": window.R2W.csrfToken(), Accept: "application/json" } })
      .then((r) => r.json().then((body) => ({ ok: r.ok, body })))
      .then(({ ok, body }) => {
        if (!ok) throw new Error(body.detail || "Could not restart.");
        window.location.reload();
      })
      .catch((err) => {
        button.disabled = false;
        outcome.append(el("p", { class: "field-msg", role: "alert", text: err.message }));
      });
  });

  JSON.parse(document.getElementById("progress-events").textContent).forEach(handle);
  connect();
})();
