// gongwen-lint serve: the drafter's page.  No framework, no build step, nothing from a CDN.
//
// One upload goes to api/v1/review, which answers with the CLI's JSON ("check"), the
// structure `inspect --format json` shows ("inspect") and the Chinese labels ("labels").
// The page draws the draft's text with each finding highlighted where it is, and beside it
// the panels of PANELS (findings, structure).  A new panel — the substance inventory, say —
// is one entry in PANELS with a render function, shown when its key is in the answer.
//
// Everything the server sends (the draft's text, file names, messages) is put in the page
// as text nodes, never as HTML.
"use strict";

const SEVERITIES = ["error", "warning", "info"];
const TOKEN_KEY = "gongwen-lint-token";
const PART_LABELS = { footnotes: "脚注", endnotes: "尾注" };

const state = { file: null, data: null, rules: null, findings: [], pendingAction: null, panel: "findings" };

// -- small DOM helpers ------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const $ = (id) => document.getElementById(id);

function setStatus(text, kind) {
  const s = $("status");
  s.textContent = text;
  s.className = "status" + (kind ? " " + kind : "");
  s.setAttribute("role", kind === "error" ? "alert" : "status");
}

function partLabel(part) {
  if (part === "body") return "";
  if (PART_LABELS[part]) return PART_LABELS[part];
  return part.replace("header", "页眉").replace("footer", "页脚");
}

function where(loc) {
  const part = partLabel(loc.part);
  return (part ? part + " " : "") + "第" + loc.paragraph + "段";
}

// -- talking to the server --------------------------------------------------------------------

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: "Bearer " + token } : {};
}

async function post(path, file) {
  const body = new FormData();
  body.append("file", file, file.name);
  const response = await fetch(path, { method: "POST", body, headers: authHeaders() });
  if (response.status === 401) {
    throw Object.assign(new Error(await detailOf(response)), { needsToken: true });
  }
  if (!response.ok) throw new Error(await detailOf(response));
  return response;
}

async function detailOf(response) {
  try {
    const body = await response.json();
    if (typeof body.detail === "string") return body.detail;
  } catch (e) { /* not JSON */ }
  return "服务器返回错误（HTTP " + response.status + "），请稍后重试";
}

async function loadRules() {
  if (state.rules) return state.rules;
  const response = await fetch("api/v1/rules", { headers: authHeaders() });
  if (!response.ok) return {};
  state.rules = Object.fromEntries((await response.json()).map((r) => [r.code, r]));
  return state.rules;
}

function askForToken(message, action) {
  state.pendingAction = action;
  $("token-box").hidden = false;
  setStatus(message, "error");
  $("token").focus();
}

// -- checking ---------------------------------------------------------------------------------

async function check(file) {
  state.file = file;
  setBusy(true);
  setStatus("正在检查 " + file.name + " ……");
  try {
    const response = await post("api/v1/review", file);
    const data = await response.json();
    await loadRules();
    state.data = data;
    render(data);
    const s = data.check.summary;
    setStatus("检查完成：错误 " + s.errors + "，警告 " + s.warnings + "，提示 " + s.infos + "。");
    $("result-title").focus();
  } catch (e) {
    if (e.needsToken) askForToken(e.message, () => check(file));
    else setStatus(e.message, "error");
  } finally {
    setBusy(false);
  }
}

function setBusy(busy) {
  document.body.classList.toggle("busy", busy);
  $("file").disabled = busy;
  for (const id of ["download-annotated", "download-fixed"]) {
    if (busy) $(id).disabled = true;
  }
  if (!busy && state.data) updateDownloads();
}

async function download(kind) {
  const file = state.file;
  if (!file) return;
  const label = kind === "annotate" ? "批注稿" : "修改稿";
  const status = $("download-status");
  status.textContent = "正在生成" + label + "……";
  try {
    const response = await post("api/v1/" + kind, file);
    const blob = await response.blob();
    const name = filenameOf(response.headers.get("content-disposition")) || label + ".docx";
    const link = el("a", { href: URL.createObjectURL(blob), download: name, class: "visually-hidden" });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 10000);
    if (kind === "annotate") {
      status.textContent = "已下载" + label + "“" + name + "”：" + response.headers.get("x-gongwen-lint-comments") + " 条批注。";
    } else {
      const fixed = response.headers.get("x-gongwen-lint-fixes");
      const left = response.headers.get("x-gongwen-lint-remaining");
      status.textContent = "已下载" + label + "“" + name + "”：自动修复 " + fixed + " 处，仍有 " + left + " 个问题需要人工修改。";
    }
  } catch (e) {
    if (e.needsToken) askForToken(e.message, () => download(kind));
    else status.textContent = label + "生成失败：" + e.message;
  }
}

function filenameOf(header) {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : null;
}

// -- drawing the result -----------------------------------------------------------------------

function render(data) {
  const file = data.check.files[0];
  state.findings = file.diagnostics.map((d, i) => Object.assign({ id: i }, d));
  $("result").hidden = false;
  document.body.classList.add("has-result");
  $("result-title").textContent = file.path;
  const s = data.check.summary;
  const kind = [file.genre || "文种未识别", file.format || "版式未识别"].join(" · ");
  $("counts").replaceChildren(
    el("span", { class: "kind" }, kind),
    ...SEVERITIES.map((sev) => el("span", { class: "count sev-" + sev },
      data.labels.severity[sev] + " " + s[sev === "info" ? "infos" : sev + "s"])),
  );
  updateDownloads();
  $("download-status").textContent = "";
  renderDocument(data);
  renderTabs(data);
}

function updateDownloads() {
  const isDocx = /\.(docx|docm|dotx)$/i.test(state.file ? state.file.name : "");
  const annotated = $("download-annotated");
  annotated.disabled = !isDocx;
  annotated.title = isDocx ? "每个问题写成一条 Word 批注，在 Word/WPS 中查看" : "批注稿只适用于 .docx 草稿";
  const fixable = state.findings.some((d) => d.fix && d.fix.applicability === "safe");
  const fixed = $("download-fixed");
  fixed.disabled = !fixable;
  fixed.title = fixable ? "应用安全的自动修复（只改文字，保留格式）" : "没有可以自动修复的问题";
}

function paragraphKey(part, paragraph) { return part + ":" + paragraph; }

function renderDocument(data) {
  const byParagraph = new Map();
  for (const d of state.findings) {
    const key = paragraphKey(d.location.part, d.location.paragraph);
    if (!byParagraph.has(key)) byParagraph.set(key, []);
    byParagraph.get(key).push(d);
  }
  const roles = data.labels.role;
  const body = [];
  const other = [];
  for (const p of data.inspect.paragraphs) {
    if (p.part === "comments") continue; // reviewers' comments are not the draft
    const found = byParagraph.get(paragraphKey(p.part, p.paragraph)) || [];
    if (!p.text.trim() && !found.length) continue;
    const node = el("div", { class: "para role-" + p.role, id: "p-" + p.part + "-" + p.paragraph, tabindex: "-1" },
      el("span", { class: "role", title: "第" + p.paragraph + "段" }, (partLabel(p.part) ? partLabel(p.part) + " " : "") + (roles[p.role] || p.role)),
      el("p", { class: "text" }, highlight(p.text, found)),
    );
    const missing = found.filter((d) => d.location.start === d.location.end);
    if (missing.length) {
      node.classList.add("flag", "sev-" + worst(missing));
      node.prepend(el("button", { type: "button", class: "flag-mark", title: missing.map((d) => d.message).join("\n"),
        "aria-label": "本段的问题：" + missing.map((d) => d.message).join("；"), onclick: () => selectFinding(missing[0].id, true) }, "⚑"));
    }
    (p.part === "body" ? body : other).push(node);
  }
  const doc = $("doc");
  doc.replaceChildren(...body);
  if (other.length) doc.append(el("h3", { class: "other-parts" }, "页眉、页脚和注释"), ...other);
}

function worst(findings) {
  for (const sev of SEVERITIES) if (findings.some((d) => d.severity === sev)) return sev;
  return "info";
}

// The paragraph's text, cut at every finding's start and end; each piece that some findings
// cover becomes a <mark> coloured by the worst of them.  Offsets are code points (as in the
// JSON), so the text is split with Array.from, not by UTF-16 units.
function highlight(text, findings) {
  const chars = Array.from(text);
  const spans = findings.filter((d) => d.location.end > d.location.start);
  if (!spans.length) return [text];
  const cuts = new Set([0, chars.length]);
  for (const d of spans) {
    cuts.add(Math.min(d.location.start, chars.length));
    cuts.add(Math.min(d.location.end, chars.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    const piece = chars.slice(a, b).join("");
    const covering = spans.filter((d) => d.location.start <= a && b <= d.location.end);
    if (!covering.length) { out.push(piece); continue; }
    out.push(el("mark", {
      class: "hl sev-" + worst(covering) + (covering.length > 1 ? " multi" : ""),
      dataset: { findings: covering.map((d) => d.id).join(" ") },
      title: covering.map((d) => d.code + " " + d.message).join("\n"),
      onclick: () => selectFinding(covering[0].id, true),
    }, piece));
  }
  return out;
}

// -- the panels beside the text ---------------------------------------------------------------

const PANELS = [
  { id: "findings", label: (data) => "问题（" + data.check.files[0].diagnostics.length + "）", render: renderFindings },
  { id: "structure", label: () => "结构", render: renderStructure },
  // { id: "substance", label: () => "实质内容", available: (data) => !!data.substance, render: renderSubstance },
];

function renderTabs(data) {
  const panels = PANELS.filter((p) => !p.available || p.available(data));
  if (!panels.some((p) => p.id === state.panel)) state.panel = panels[0].id;
  const tabs = $("tabs");
  const host = $("panel-host");
  tabs.replaceChildren();
  host.replaceChildren();
  for (const p of panels) {
    const selected = p.id === state.panel;
    tabs.append(el("button", {
      type: "button", role: "tab", id: "tab-" + p.id, "aria-controls": "panel-" + p.id,
      "aria-selected": selected ? "true" : "false", tabindex: selected ? "0" : "-1",
      onclick: () => showPanel(p.id), onkeydown: (e) => tabKey(e, panels),
    }, p.label(data)));
    const panel = el("div", { role: "tabpanel", id: "panel-" + p.id, class: "panel", "aria-labelledby": "tab-" + p.id, tabindex: "0" });
    panel.hidden = !selected;
    p.render(panel, data);
    host.append(panel);
  }
}

function showPanel(id, focus) {
  state.panel = id;
  for (const tab of $("tabs").children) {
    const selected = tab.id === "tab-" + id;
    tab.setAttribute("aria-selected", selected ? "true" : "false");
    tab.tabIndex = selected ? 0 : -1;
    if (selected && focus) tab.focus();
  }
  for (const panel of $("panel-host").children) panel.hidden = panel.id !== "panel-" + id;
  $("panel-host").scrollTop = 0;
}

function tabKey(event, panels) {
  const i = panels.findIndex((p) => p.id === state.panel);
  const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -i, End: panels.length - 1 - i };
  if (!(event.key in moves)) return;
  event.preventDefault();
  showPanel(panels[(i + moves[event.key] + panels.length) % panels.length].id, true);
}

function renderFindings(panel, data) {
  if (!state.findings.length) {
    panel.append(el("p", { class: "empty" }, "未发现问题。"));
    return;
  }
  for (const sev of SEVERITIES) {
    const ofSeverity = state.findings.filter((d) => d.severity === sev);
    if (!ofSeverity.length) continue;
    const group = el("section", { class: "sev-group sev-" + sev, "aria-label": data.labels.severity[sev] },
      el("h3", {}, data.labels.severity[sev] + " " + ofSeverity.length));
    const codes = [...new Set(ofSeverity.map((d) => d.code))].sort();
    for (const code of codes) {
      const ofRule = ofSeverity.filter((d) => d.code === code);
      const rule = (state.rules || {})[code];
      const block = el("section", { class: "rule", dataset: { code } },
        el("h4", {}, el("span", { class: "code" }, code), " ", rule ? rule.title : ofRule[0].name,
          el("span", { class: "n" }, "（" + ofRule.length + "）")),
        rule ? el("details", { class: "explanation" }, el("summary", {}, "规则说明"), el("pre", {}, rule.explanation)) : null,
        el("ul", { class: "findings" }, ofRule.map(renderFinding)),
      );
      group.append(block);
    }
    panel.append(group);
  }
}

function renderFinding(d) {
  let fix = null;
  if (d.fix) {
    const how = d.fix.applicability === "safe" ? "可自动修复" : "需人工确认（可能改变格式）";
    fix = el("p", { class: "fix" }, d.fix.replacement ? ["建议改为：「", el("ins", {}, d.fix.replacement), "」"] : ["建议删除「", d.excerpt, "」"],
      el("span", { class: "how" }, " " + how));
  }
  let ref = null;
  if (d.reference) {
    const r = d.reference;
    ref = el("p", { class: "reference" }, "来源：" + (r.title || r.path) + (r.number ? "（" + r.number + "）" : "") +
      " 相似度 " + Math.round(r.similarity * 100) + "%");
  }
  return el("li", { class: "finding sev-" + d.severity, id: "f-" + d.id },
    el("button", { type: "button", class: "goto", onclick: () => showInText(d.id) },
      el("span", { class: "where" }, where(d.location)), " ", d.message),
    d.excerpt ? el("p", { class: "excerpt" }, "「" + d.excerpt + "」") : null,
    fix, ref);
}

function renderStructure(panel, data) {
  const ins = data.inspect;
  panel.append(el("p", { class: "kind" }, "文种：" + (ins.genre || "未识别") + "　版式：" + (ins.format || "未识别")));
  const rows = ins.paragraphs.filter((p) => p.part === "body" && p.role !== "empty").map((p) =>
    el("tr", {},
      el("td", { class: "num" }, p.paragraph),
      el("td", { class: "role" }, data.labels.role[p.role] || p.role),
      el("td", {}, el("button", { type: "button", class: "goto", onclick: () => focusParagraph("body", p.paragraph) },
        p.text.length > 40 ? p.text.slice(0, 39) + "…" : p.text))));
  panel.append(el("table", { class: "structure" },
    el("thead", {}, el("tr", {}, el("th", {}, "段"), el("th", {}, "要素"), el("th", {}, "文字"))),
    el("tbody", {}, rows)));
}

// -- moving between the text and the findings -------------------------------------------------

function marksOf(id) {
  return [...document.querySelectorAll("mark.hl")].filter((m) => m.dataset.findings.split(" ").includes(String(id)));
}

function showInText(id) {
  const d = state.findings[id];
  for (const m of document.querySelectorAll(".current")) m.classList.remove("current");
  const marks = marksOf(id);
  if (marks.length) {
    marks.forEach((m) => m.classList.add("current"));
    marks[0].tabIndex = -1;
    marks[0].scrollIntoView({ block: "center" });
    marks[0].focus({ preventScroll: true });
  } else {
    focusParagraph(d.location.part, d.location.paragraph);
  }
  selectFinding(id, false);
}

function focusParagraph(part, paragraph) {
  const p = $("p-" + part + "-" + paragraph);
  if (!p) return;
  for (const m of document.querySelectorAll(".current")) m.classList.remove("current");
  p.classList.add("current");
  p.scrollIntoView({ block: "center" });
  p.focus({ preventScroll: true });
}

function selectFinding(id, focus) {
  if (focus && state.panel !== "findings") showPanel("findings");
  for (const f of document.querySelectorAll(".finding.selected")) f.classList.remove("selected");
  const item = $("f-" + id);
  if (!item) return;
  item.classList.add("selected");
  if (focus) {
    item.scrollIntoView({ block: "nearest" });
    item.querySelector("button").focus({ preventScroll: true });
  }
}

// -- wiring -----------------------------------------------------------------------------------

function pick(files) {
  if (files && files.length) check(files[0]);
}

document.addEventListener("DOMContentLoaded", () => {
  const input = $("file");
  input.addEventListener("change", () => { pick(input.files); input.value = ""; }); // the same file again: a new check
  const drop = $("drop");
  for (const name of ["dragenter", "dragover"]) {
    drop.addEventListener(name, (e) => { e.preventDefault(); drop.classList.add("over"); });
  }
  for (const name of ["dragleave", "drop"]) {
    drop.addEventListener(name, () => drop.classList.remove("over"));
  }
  drop.addEventListener("drop", (e) => { e.preventDefault(); pick(e.dataTransfer.files); });
  // A file dropped anywhere else must not make the browser navigate away to it.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());
  $("download-annotated").addEventListener("click", () => download("annotate"));
  $("download-fixed").addEventListener("click", () => download("fix"));
  $("token-box").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    $("token-box").hidden = true;
    const action = state.pendingAction;
    state.pendingAction = null;
    if (action) action();
  });
});
