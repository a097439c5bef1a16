/* Resume2Website pages: upload box, countdowns, preview width toggle. No build step. */
(function () {
  "use strict";

  function csrfToken() {
    const m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) return decodeURIComponent(m[1]);
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    });
    (children || []).forEach((c) => node.append(c));
    return node;
  }

  function formatBytes(n) {
    if (n < 1024) return n + " B";
    if (n < 1024 * 1024) return (n / 1024).toFixed(0) + " KB";
    return (n / 1024 / 1024).toFixed(1) + " MB";
  }

  /* Upload box: drag and drop or file picker, XHR so the upload itself shows progress. */
  function initUpload(box) {
    const form = box.closest("form");
    const input = form.querySelector("input[type=file]");
    const status = form.querySelector("[data-upload-status]");
    const maxBytes = parseInt(form.dataset.maxBytes || "0", 10);
    const accept = (input.getAttribute("accept") || "").split(",").map((s) => s.trim().toLowerCase());

    ["dragenter", "dragover"].forEach((t) => box.addEventListener(t, (e) => {
      e.preventDefault();
      box.classList.add("is-dragover");
    }));
    ["dragleave", "drop"].forEach((t) => box.addEventListener(t, (e) => {
      e.preventDefault();
      box.classList.remove("is-dragover");
    }));
    box.addEventListener("drop", (e) => {
      if (e.dataTransfer && e.dataTransfer.files.length) send(e.dataTransfer.files[0]);
    });
    input.addEventListener("change", () => { if (input.files.length) send(input.files[0]); });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (input.files.length) send(input.files[0]);
    });

    function show(nodes) {
      status.replaceChildren(...nodes);
      status.hidden = false;
    }

    function showError(title, detail, extra) {
      const parts = [el("strong", { text: title }), document.createTextNode(detail || "")];
      const box = el("div", { class: "alert alert-danger", role: "alert", "data-upload-error": "" }, parts);
      const nodes = [box];
      if (extra && extra.score !== undefined && extra.score !== null) {
        nodes.unshift(el("div", { class: "verdict", style: "margin-bottom:.75rem" }, [
          el("span", { class: "score is-low", text: String(extra.score), "aria-label": "Resume score " + extra.score }),
          el("div", {}, [el("strong", { text: "This doesn't look like a CV yet" }),
            el("div", { class: "small muted", text: "Resume score " + extra.score + " / 100 — we need " + (extra.threshold || 60) + "." })]),
        ]));
        if (extra.suggestion) box.append(el("p", { class: "small", style: "margin:.5rem 0 0", text: "What to do: " + extra.suggestion }));
      }
      show(nodes);
      input.value = "";
    }

    function send(file) {
      const ext = "." + (file.name.split(".").pop() || "").toLowerCase();
      if (accept.length && accept[0] && !accept.includes(ext)) {
        showError("Unsupported file type. ", "Upload a PDF, Word (DOCX/DOC), TXT, RTF or an image (PNG, JPG, WEBP).");
        return;
      }
      if (maxBytes && file.size > maxBytes) {
        showError("File too large. ", "The limit is " + formatBytes(maxBytes) + "; this file is " + formatBytes(file.size) + ".");
        return;
      }
      const bar = el("span");
      const label = el("span", { class: "small muted", text: "Uploading " + file.name + " (" + formatBytes(file.size) + ")…" });
      show([label, el("div", { class: "progress", role: "progressbar", "aria-label": "Upload progress", "aria-valuemin": "0", "aria-valuemax": "100" }, [bar])]);
      const progress = status.querySelector(".progress");

      const data = new FormData();
      data.append("file", file);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-CSRFToken", csrfToken());
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", (e) => {
        if (!e.lengthComputable) return;
        const pct = Math.round((e.loaded / e.total) * 100);
        bar.style.width = pct + "%";
        progress.setAttribute("aria-valuenow", String(pct));
        if (pct >= 100) label.textContent = "Checking that this is a CV…";
      });
      xhr.addEventListener("load", () => {
        let body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = { detail: "The server answered unexpectedly (" + xhr.status + ")." }; }
        if (xhr.status >= 200 && xhr.status < 300) return showPassed(body);
        showError(body.reason ? "We couldn't accept this file. " : "Upload failed. ", body.reason || body.detail, body);
      });
      xhr.addEventListener("error", () => showError("Network error. ", "Check your connection and try again; nothing was lost."));
      xhr.send(data);
    }

    function showPassed(body) {
      const scored = body.gate_score !== null && body.gate_score !== undefined;
      const actions = el("div", { class: "row", style: "margin-top:1rem" });
      actions.append(el("a", { class: "btn btn-primary", href: body.next_url, "data-upload-next": "", text: body.next_label }));
      if (body.login_url) actions.append(el("a", { class: "btn", href: body.login_url, text: "I already have an account" }));
      show([
        el("div", { class: "alert alert-success", role: "status", "data-gate-passed": "" }, [
          el("div", { class: "verdict" }, [
            el("span", { class: "score", text: scored ? String(body.gate_score) : "✓",
              "aria-label": scored ? "Resume score " + body.gate_score : "Received" }),
            el("div", {}, [el("strong", { text: scored ? "Looks like a great CV!" : "File received" }),
              el("div", { class: "small", text: body.original_name + (scored
                ? " passed the resume check (" + body.gate_score + " / 100). "
                : " is a scan or photo: we check it once its text is read. ") + body.message })]),
          ]),
        ]),
        actions,
      ]);
    }
  }

  /* "2 h 14 min left" for elements with data-countdown="<ISO date>". */
  function tickCountdowns() {
    document.querySelectorAll("[data-countdown]").forEach((node) => {
      const ms = Date.parse(node.dataset.countdown) - Date.now();
      if (Number.isNaN(ms)) return;
      if (ms <= 0) { node.textContent = "expired"; node.classList.add("badge-danger"); return; }
      const h = Math.floor(ms / 3600000);
      const m = Math.floor((ms % 3600000) / 60000);
      node.textContent = (h ? h + " h " : "") + m + " min left";
    });
  }

  /* Preview at phone or desktop width. */
  function initPreviewToggle(group) {
    const frame = document.getElementById(group.dataset.previewToggle);
    group.querySelectorAll("button").forEach((btn) => btn.addEventListener("click", () => {
      group.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b === btn)));
      frame.classList.toggle("is-phone", btn.dataset.width === "phone");
    }));
  }

  /* Follow a portfolio build: status badge and message live, reload the preview when it is built. */
  function initBuildWatch(section) {
    const badge = section.querySelector("[data-status]");
    const message = section.querySelector("[data-build-message]");
    const frame = document.getElementById(section.dataset.frame);
    const source = new EventSource(section.dataset.stream);
    function setBadge(status, label, cls) {
      badge.dataset.status = status;
      badge.textContent = label;
      badge.className = "badge " + cls;
    }
    function onEvent(e) {
      let ev;
      try { ev = JSON.parse(e.data); } catch (err) { return; }
      if (e.type === "heartbeat") return;
      message.textContent = ev.message || "";
      if (e.type === "complete") {
        setBadge("ready", "Ready", "badge-success");
        frame.src = frame.src.split("#")[0];
      } else if (e.type === "error") {
        setBadge("failed", "Failed", "badge-danger");
      } else if (ev.step === "queued" || ev.step === "building" || e.type === "progress") {
        setBadge("building", "Building", "badge-primary");
      }
    }
    ["progress", "step", "complete", "error", "warning", "heartbeat"].forEach((t) => source.addEventListener(t, onEvent));
  }

  window.R2W = { csrfToken, el };
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-upload]").forEach(initUpload);
    document.querySelectorAll("[data-preview-toggle]").forEach(initPreviewToggle);
    document.querySelectorAll("[data-build-watch]").forEach(initBuildWatch);
    tickCountdowns();
    setInterval(tickCountdowns, 30000);
  });
})();
