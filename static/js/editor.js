/* CV editor: builds a form for all fifteen sections from the CV JSON Schema, saves with
   PUT /api/v1/cv/{id} a moment after each change, and shows the schema errors it answers
   next to the fields they belong to. Versions (undo) and JSON Resume import/export use the API. */
(function () {
  "use strict";
  const root = document.querySelector("[data-editor]");
  if (!root) return;
  const el = window.R2W.el;
  const schema = JSON.parse(document.getElementById("cv-schema").textContent);
  let data = JSON.parse(document.getElementById("cv-data").textContent) || {};
  let version = root.dataset.version ? parseInt(root.dataset.version, 10) : null;
  const form = root.querySelector("[data-editor-form]");
  const state = document.querySelector("[data-save-state]");
  const SAVE_DELAY = 900;
  let timer = null;
  let saving = false;
  let pending = false;

  const SECTION_LABELS = Object.fromEntries(Array.from(document.querySelectorAll(".editor-nav a"))
    .map((a) => [a.getAttribute("href").replace("#section-", ""), a.textContent]));
  const ITEM_NOUNS = {
    ExperienceItem: "position", EducationItem: "education", ProjectItem: "project", Achievement: "achievement",
    CertificationItem: "certification", LanguageItem: "language", CourseItem: "course", VolunteerItem: "role",
    Publication: "publication", SpeakingEngagement: "talk", HobbyItem: "hobby", SkillCategory: "skill group",
    ProfessionalLink: "link",
  };
  const LIST_NOUNS = {
    responsibilitiesAndAchievements: "bullet point", technologiesUsed: "technology", honors: "honor",
    relevantCoursework: "course", skills: "skill", ungroupedSkills: "skill", authors: "author",
  };
  const LONG_TEXT = new Set(["summaryText", "description", "contextOrDetail"]);
  const LONG_LIST = new Set(["responsibilitiesAndAchievements"]);
  const HINTS = { startDate: "YYYY-MM or YYYY", endDate: "YYYY-MM or YYYY", issueDate: "YYYY-MM or YYYY",
    expirationDate: "YYYY-MM or YYYY", date: "YYYY-MM or YYYY", publicationDate: "YYYY-MM or YYYY" };

  const ACRONYMS = { url: "URL", gpa: "GPA", doi: "DOI", id: "ID" };

  function humanize(key) {
    const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase()
      .split(" ").map((w) => ACRONYMS[w] || w).join(" ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  /* Follow $ref and drop the "or null" branch: what a field really is. */
  function resolve(node) {
    let s = node;
    if (s && s.anyOf) s = s.anyOf.find((o) => o.type !== "null") || s.anyOf[0];
    if (s && s.$ref) {
      const name = s.$ref.split("/").pop();
      return Object.assign({ defName: name }, schema.$defs[name]);
    }
    return s || {};
  }

  function getPath(path) {
    return path.reduce((obj, key) => (obj == null ? undefined : obj[key]), data);
  }

  function setPath(path, value) {
    if (!data || typeof data !== "object") data = {};
    let obj = data;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i];
      if (obj[key] == null) obj[key] = typeof path[i + 1] === "number" ? [] : {};
      obj = obj[key];
    }
    obj[path[path.length - 1]] = value;
  }

  function pathId(path) { return path.join("."); }

  function itemTitle(value, noun) {
    if (value && typeof value === "object") {
      const first = Object.values(value).find((v) => typeof v === "string" && v.trim());
      if (first) return first;
    }
    return "New " + noun;
  }

  function fieldMessage(path) {
    return el("p", { class: "field-msg", "data-error-for": pathId(path), hidden: "" });
  }

  function renderScalar(key, sub, path, container) {
    const id = "f-" + pathId(path).replace(/\./g, "-");
    const value = getPath(path);
    const wrap = el("div", { class: "field" + (LONG_TEXT.has(key) ? " ed-wide" : "") });
    let input;
    if (sub.type === "boolean") {
      input = el("input", { type: "checkbox", id });
      input.checked = value === true;
      wrap.append(el("label", { class: "row", style: "font-weight:500", for: id }, [input, document.createTextNode(humanize(key))]));
      input.addEventListener("change", () => { setPath(path, input.checked ? true : null); changed(); });
    } else {
      const multi = LONG_TEXT.has(key);
      input = el(multi ? "textarea" : "input", multi ? { id, rows: "4" } : { id, type: sub.type === "number" ? "number" : "text", step: "any" });
      input.value = value == null ? "" : String(value);
      if (HINTS[key]) input.setAttribute("placeholder", HINTS[key]);
      wrap.append(el("label", { for: id, text: humanize(key) }), input);
      input.addEventListener("input", () => {
        let v = input.value;
        if (sub.type === "number") v = v.trim() === "" ? null : Number(v);
        else if (!v.trim()) v = null;
        setPath(path, v);
        changed();
      });
    }
    input.dataset.path = pathId(path);
    wrap.append(fieldMessage(path));
    container.append(wrap);
  }

  function moveButtons(list, index, rerender, noun) {
    const up = el("button", { type: "button", class: "btn btn-sm btn-ghost", "aria-label": "Move " + noun + " up", title: "Move up", text: "↑" });
    const down = el("button", { type: "button", class: "btn btn-sm btn-ghost", "aria-label": "Move " + noun + " down", title: "Move down", text: "↓" });
    const remove = el("button", { type: "button", class: "btn btn-sm btn-danger", "aria-label": "Remove " + noun, text: "Remove" });
    if (index === 0) up.disabled = true;
    if (index === list.length - 1) down.disabled = true;
    up.addEventListener("click", () => { [list[index - 1], list[index]] = [list[index], list[index - 1]]; rerender(); changed(); });
    down.addEventListener("click", () => { [list[index + 1], list[index]] = [list[index], list[index + 1]]; rerender(); changed(); });
    remove.addEventListener("click", () => { list.splice(index, 1); rerender(); changed(); });
    return [up, down, remove];
  }

  function renderArray(key, sub, path, container) {
    const box = el("div", { class: "ed-list", "data-list": pathId(path) });
    container.append(box);
    const itemSchema = resolve(sub.items);
    const isObjects = itemSchema.type === "object";
    const noun = isObjects ? (ITEM_NOUNS[itemSchema.defName] || humanize(itemSchema.defName || key).toLowerCase()) : "entry";

    function rerender() {
      let list = getPath(path);
      if (!Array.isArray(list)) { list = []; }
      box.replaceChildren();
      if (!isObjects) box.append(el("div", { class: "ed-list-title", text: humanize(key) }));
      list.forEach((item, index) => {
        const itemPath = path.concat(index);
        if (isObjects) {
          const card = el("div", { class: "ed-item", "data-item": pathId(itemPath) });
          const head = el("div", { class: "ed-item-head" }, [el("span", { class: "title", text: itemTitle(item, noun) })]);
          head.append(...moveButtons(list, index, rerender, noun));
          card.append(head);
          const body = el("div", { class: "ed-object" });
          renderObject(itemSchema, itemPath, body);
          card.append(body, fieldMessage(itemPath));
          box.append(card);
        } else {
          const id = "f-" + pathId(itemPath).replace(/\./g, "-");
          const input = el(LONG_LIST.has(key) ? "textarea" : "input", LONG_LIST.has(key) ? { id, rows: "2" } : { id, type: "text" });
          input.value = item == null ? "" : item;
          input.dataset.path = pathId(itemPath);
          input.setAttribute("aria-label", humanize(key) + " " + (index + 1));
          input.addEventListener("input", () => { list[index] = input.value; changed(); });
          const row = el("div", { class: "ed-chip-row" }, [input, ...moveButtons(list, index, rerender, humanize(key).toLowerCase() + " " + (index + 1))]);
          box.append(row, fieldMessage(itemPath));
        }
      });
      const add = el("button", { type: "button", class: "btn btn-sm", "data-add": pathId(path),
        text: "+ Add " + (isObjects ? noun : LIST_NOUNS[key] || humanize(key).toLowerCase()) });
      add.addEventListener("click", () => {
        const current = Array.isArray(getPath(path)) ? getPath(path) : [];
        current.push(isObjects ? {} : "");
        setPath(path, current);
        rerender();
        changed();
        const inputs = box.querySelectorAll("input, textarea");
        if (inputs.length) inputs[inputs.length - 1 - (isObjects ? 0 : 0)].focus();
      });
      box.append(add);
    }
    rerender();
  }

  function renderObject(objSchema, path, container) {
    Object.entries(objSchema.properties || {}).forEach(([key, prop]) => {
      const sub = resolve(prop);
      const subPath = path.concat(key);
      if (sub.type === "array") renderArray(key, sub, subPath, container);
      else if (sub.type === "object") {
        const group = el("fieldset", { class: "ed-group" }, [el("legend", { text: humanize(key) })]);
        const body = el("div", { class: "ed-object" });
        renderObject(sub, subPath, body);
        group.append(body);
        container.append(group);
      } else renderScalar(key, sub, subPath, container);
    });
  }

  function render() {
    form.replaceChildren();
    Object.entries(schema.properties).forEach(([section, prop]) => {
      const card = el("section", { class: "card ed-section", id: "section-" + section, "aria-labelledby": "h-" + section });
      card.append(el("h2", { id: "h-" + section, text: SECTION_LABELS[section] || humanize(section) }));
      const body = el("div", { class: "ed-object" });
      renderObject(resolve(prop), [section], body);
      card.append(body, fieldMessage([section]));
      form.append(card);
    });
  }

  /* What is sent: blank list entries dropped (strings always validate, so error positions stay right). */
  function payload() {
    return JSON.parse(JSON.stringify(data), (key, value) =>
      Array.isArray(value) ? value.filter((v) => !(typeof v === "string" && !v.trim())) : value);
  }

  function setState(text, cls) {
    state.textContent = text;
    state.className = "save-state " + (cls || "");
  }

  function clearErrors() {
    form.querySelectorAll("[data-error-for]").forEach((p) => { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll(".invalid").forEach((i) => { i.classList.remove("invalid"); i.removeAttribute("aria-invalid"); });
  }

  function showErrors(fields) {
    let first = null;
    fields.forEach(({ field, message }) => {
      const parts = field.split(".");
      // The nearest place that exists on the page: the field, else its item, else its section.
      for (let n = parts.length; n > 0; n--) {
        const key = parts.slice(0, n).join(".");
        const slot = form.querySelector('[data-error-for="' + CSS.escape(key) + '"]');
        if (slot) {
          slot.hidden = false;
          const text = message.replace(/^Value error, /, "");
          slot.textContent = (slot.textContent ? slot.textContent + " " : "") + text.charAt(0).toUpperCase() + text.slice(1);
          const input = form.querySelector('[data-path="' + CSS.escape(key) + '"]');
          if (input) { input.classList.add("invalid"); input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", ""); }
          first = first || input || slot;
          break;
        }
      }
    });
    return first;
  }

  function changed() {
    setState("Unsaved changes…");
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY);
  }

  async function api(method, url, body) {
    const response = await fetch(url, {
      method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": window.R2W.csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let json = null;
    try { json = await response.json(); } catch (e) { json = { detail: "Unexpected answer (" + response.status + ")." }; }
    return { ok: response.ok, status: response.status, body: json };
  }

  async function save() {
    if (saving) { pending = true; return; }
    saving = true;
    setState("Saving…");
    const body = { cv_data: payload() };
    if (version !== null) body.base_version = version;
    const result = await api("PUT", root.dataset.saveUrl, body).catch(() => null);
    saving = false;
    if (!result) { setState("Offline — your changes are kept here and saved when you're back.", "is-error"); timer = setTimeout(save, 4000); return; }
    clearErrors();
    if (result.ok) {
      version = result.body.version;
      setState("All changes saved · version " + version, "is-saved");
      loadVersions();
    } else if (result.status === 422 && result.body.fields) {
      const n = result.body.fields.length;
      setState(n + (n === 1 ? " field needs" : " fields need") + " attention — not saved yet.", "is-error");
      showErrors(result.body.fields);
    } else if (result.status === 409 && result.body.error === "version_conflict") {
      setState("This CV was changed in another tab. Reload to get the latest version.", "is-error");
    } else {
      setState(result.body.detail || "Could not save.", "is-error");
    }
    if (pending) { pending = false; save(); }
  }

  /* Versions: undo to any earlier state. */
  const versionList = document.querySelector("[data-versions]");
  async function loadVersions() {
    const result = await api("GET", root.dataset.versionsUrl).catch(() => null);
    if (!result || !result.ok) return;
    versionList.replaceChildren(...result.body.slice(0, 25).map((v) => {
      const when = new Date(v.created_at).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
      const li = el("li", { class: "version-row", "data-version": String(v.number) }, [
        el("span", {}, [el("strong", { text: "v" + v.number + " " }), el("span", { class: "small", text: v.source }),
          el("span", { class: "small muted", style: "display:block", text: when })]),
      ]);
      if (v.number !== version) {
        const b = el("button", { type: "button", class: "btn btn-sm", text: "Restore" });
        b.addEventListener("click", () => restore(v.number));
        li.append(b);
      } else li.append(el("span", { class: "badge badge-success", text: "current" }));
      return li;
    }));
  }

  async function restore(number) {
    clearTimeout(timer);
    const result = await api("POST", root.dataset.restoreUrl.replace("/0/", "/" + number + "/"));
    if (!result.ok) { setState(result.body.detail || "Could not restore.", "is-error"); return; }
    data = result.body.cv_data || {};
    version = result.body.version;
    render();
    setState("Restored version " + number + " · now version " + version, "is-saved");
    loadVersions();
  }

  /* JSON Resume export (download) and import (a new version). */
  document.querySelector("[data-export]").addEventListener("click", async () => {
    const result = await api("GET", root.dataset.jsonResumeUrl);
    if (!result.ok) { setState(result.body.detail || "Export failed.", "is-error"); return; }
    const url = URL.createObjectURL(new Blob([JSON.stringify(result.body, null, 2)], { type: "application/json" }));
    const a = el("a", { href: url, download: "resume.json" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  const importInput = document.querySelector("[data-import]");
  importInput.addEventListener("change", async () => {
    const file = importInput.files[0];
    if (!file) return;
    let doc;
    try { doc = JSON.parse(await file.text()); } catch (e) {
      setState("That file is not valid JSON: " + e.message, "is-error");
      importInput.value = "";
      return;
    }
    const result = await api("PUT", root.dataset.jsonResumeUrl, doc);
    importInput.value = "";
    if (!result.ok) { setState(result.body.detail || "Import failed.", "is-error"); return; }
    data = result.body.cv_data || {};
    version = result.body.version;
    render();
    setState("Imported " + file.name + " · version " + version, "is-saved");
    loadVersions();
  });

  window.addEventListener("beforeunload", (e) => {
    if (saving || state.textContent.startsWith("Unsaved")) e.preventDefault();
  });

  render();
  loadVersions();
})();
