// The classroom page: every request goes to the local JSON API (no external assets, no eval,
// no inline script or style). Sections: requests (one channel per panel), the link (URL
// fragment), pictures (pan and zoom), projector mode, the legend, then one block per panel.
// Other files (editor.js, …) can add a section: see `window.lobkitPage` at the end.
"use strict";
const $ = (id) => document.getElementById(id);

function escapeHtml(text) {
  const div = document.createElement("div");
  div.textContent = text == null ? "" : String(text);
  return div.innerHTML;
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// ---- requests -------------------------------------------------------------------------------
// Each panel has one Channel. A request carries an id (echoed by the server); starting a new
// one aborts the old one (AbortController: the server stops a worker whose client has gone),
// and whatever arrives, only the answer to the channel's latest request is shown.
let limits = { timeout: 10 };
let nextRequest = 0;

class Channel {
  constructor(name, status, cancelButton, busyWord) {
    this.name = name;
    this.status = status;
    this.cancelButton = cancelButton;
    this.busyWord = busyWord;
    this.latest = 0;
    this.controller = null;
    this.timer = null;
    this.started = 0;
    if (cancelButton) cancelButton.addEventListener("click", () => this.cancel());
  }

  get busy() { return this.controller !== null; }

  // Resolve to the answer (an object with `result` or `error`), or null when this request was
  // superseded or cancelled meanwhile (then nothing may be drawn).
  async request(kind, payload, form) {
    this.stop();
    const id = ++nextRequest;
    this.latest = id;
    const controller = new AbortController();
    this.controller = controller;
    this.started = performance.now();
    this.tick();
    this.timer = setInterval(() => this.tick(), 100);
    if (this.cancelButton) this.cancelButton.disabled = false;
    document.body.dataset[`${this.name}Request`] = String(id);
    let answer;
    let status = 0;
    try {
      const init = { method: "POST", signal: controller.signal, headers: { "X-Request-Id": String(id) } };
      if (form) {
        init.body = form;
      } else {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify({ ...payload, request_id: id });
      }
      const response = await fetch(`/api/${kind}`, init);
      const text = await response.text();
      status = response.status;
      // every answer that arrives is counted, shown or not (the tests wait on this)
      this.received = (this.received || 0) + 1;
      document.body.dataset[`${this.name}Received`] = String(this.received);
      try {
        answer = JSON.parse(text);
      } catch (e) {
        answer = { error: `the server answered HTTP ${response.status} without a result`, exit: 70 };
      }
    } catch (error) {
      if (id !== this.latest) return null;
      if (error.name === "AbortError") return null;
      answer = { error: "no answer from the server: is lobkit serve still running?", exit: 70 };
    }
    if (id !== this.latest) return null; // a newer request owns the panel
    if (answer.request_id !== undefined && String(answer.request_id) !== String(id)) return null;
    answer.status = status;
    answer.waited = (performance.now() - this.started) / 1000;
    this.stop();
    return answer;
  }

  tick() {
    const seconds = (performance.now() - this.started) / 1000;
    this.status.textContent = `${this.busyWord}… ${seconds.toFixed(1)} s (limit ${limits.timeout} s)`;
    this.status.className = "verdict busy";
  }

  stop() {
    if (this.controller) this.controller.abort();
    this.controller = null;
    clearInterval(this.timer);
    this.timer = null;
    if (this.cancelButton) this.cancelButton.disabled = true;
  }

  cancel() {
    if (!this.busy) return;
    const seconds = (performance.now() - this.started) / 1000;
    this.latest = ++nextRequest; // whatever still arrives is stale
    this.stop();
    this.status.textContent = `cancelled after ${seconds.toFixed(1)} s`;
    this.status.className = "verdict cancelled";
    if (this.onCancel) this.onCancel();
  }
}

// An error in the page's own words: a limit says what the page's limit is, not a CLI flag
// (a student on the page cannot pass --timeout).
function withoutFlags(message) {
  return message.replace(/\s*\([^()]*(--|timeout=)[^()]*\)/g, "").replace(/;[^;]*--[a-z-]+.*$/, "");
}

function errorWords(answer) {
  const first = withoutFlags(answer.error.split("\n")[0]);
  if (answer.status === 503) {
    return `The page is busy with other questions right now: try again in a few seconds (${first}).`;
  }
  if (answer.exit === 3 && /time limit|took longer/.test(answer.error)) {
    return `Stopped: this question needs more than the page's limit of ${limits.timeout} s. ` +
      "Try a smaller formula or file (whoever started the page can raise the limit).";
  }
  if (answer.exit === 3) return `Stopped by a limit of the page: ${first}.`;
  return first;
}

// ---- pictures: pan and zoom instead of shrinking ---------------------------------------------
function projectorScale() { return document.body.classList.contains("projector") ? 2 : 1; }

function naturalSize(svg) {
  const box = svg.viewBox && svg.viewBox.baseVal;
  const attr = (name) => {
    const value = svg.getAttribute(name) || "";
    const number = parseFloat(value);
    return value.endsWith("pt") ? number * 4 / 3 : number;
  };
  let w = attr("width"), h = attr("height");
  if (!(w > 0 && h > 0) && box) { w = box.width; h = box.height; }
  return [w || 400, h || 300];
}

// Wrap an SVG in a viewer: natural size times the zoom (×2 in projector mode), scroll or drag
// to pan, the buttons (or Ctrl + wheel) to zoom; "fit" shrinks only when asked.
function makeViewer(svg) {
  const viewer = document.createElement("div");
  viewer.className = "viewer";
  const bar = document.createElement("div");
  bar.className = "zoombar";
  bar.innerHTML = '<button type="button" data-zoom="out" title="zoom out">−</button>' +
    '<span class="zoom-level"></span>' +
    '<button type="button" data-zoom="in" title="zoom in">+</button>' +
    '<button type="button" data-zoom="fit" title="fit the width">fit</button>' +
    '<button type="button" data-zoom="one" title="natural size">1:1</button>';
  const pane = document.createElement("div");
  pane.className = "pane";
  svg.replaceWith(viewer);
  viewer.append(bar, pane);
  pane.append(svg);
  const [w, h] = naturalSize(svg);
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  if (!svg.getAttribute("viewBox")) svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  viewer.zoom = 1;
  // Projector mode: twice the natural size at least; a small picture grows to the width
  // (up to three times), so a short proof fills the screen.
  const base = () => {
    if (projectorScale() === 1) return 1;
    const room = (pane.clientWidth || 1200) - 16;
    return Math.max(2, Math.min(3, room / w));
  };
  const apply = () => {
    const z = viewer.zoom * base();
    svg.style.width = `${w * z}px`;
    svg.style.height = `${h * z}px`;
    bar.querySelector(".zoom-level").textContent = `${Math.round(z * 100)}%`;
    viewer.dataset.zoom = String(z);
  };
  viewer.applyZoom = apply;
  bar.addEventListener("click", (e) => {
    const which = e.target.dataset && e.target.dataset.zoom;
    if (!which) return;
    if (which === "in") viewer.zoom *= 1.25;
    if (which === "out") viewer.zoom /= 1.25;
    if (which === "one") viewer.zoom = 1;
    if (which === "fit") viewer.zoom = Math.min(4, (pane.clientWidth - 8) / (w * base()));
    apply();
  });
  pane.addEventListener("wheel", (e) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    viewer.zoom *= e.deltaY < 0 ? 1.1 : 1 / 1.1;
    apply();
  }, { passive: false });
  let drag = null;
  pane.addEventListener("pointerdown", (e) => {
    if (e.target.closest && e.target.closest(".stub")) return;
    drag = { x: e.clientX, y: e.clientY, left: pane.scrollLeft, top: pane.scrollTop };
    pane.classList.add("dragging");
  });
  window.addEventListener("pointermove", (e) => {
    if (!drag) return;
    pane.scrollLeft = drag.left - (e.clientX - drag.x);
    pane.scrollTop = drag.top - (e.clientY - drag.y);
  });
  window.addEventListener("pointerup", () => { drag = null; pane.classList.remove("dragging"); });
  apply();
  // a wide picture opens at its middle (the root of a countermodel, the conclusion of a proof)
  requestAnimationFrame(() => { pane.scrollLeft = (pane.scrollWidth - pane.clientWidth) / 2; });
  return viewer;
}

// Put server HTML into `box` and give each picture a viewer.
function showPicture(box, html) {
  box.innerHTML = html;
  box.classList.remove("stale");
  const svgs = [...box.querySelectorAll("svg")].filter((s) => !s.parentElement.closest("svg"));
  for (const svg of svgs) makeViewer(svg);
}

function rezoomAll() {
  for (const viewer of document.querySelectorAll(".viewer")) viewer.applyZoom();
}

// ---- projector mode and legend --------------------------------------------------------------
function setProjector(on, record = true) {
  document.body.classList.toggle("projector", on);
  $("projector-button").setAttribute("aria-pressed", String(on));
  rezoomAll();
  if (record) writeLink(false);
}

$("projector-button").addEventListener("click", () =>
  setProjector(!document.body.classList.contains("projector")));

function openLegend(entry) {
  const dialog = $("legend");
  if (!dialog.open) dialog.showModal();
  const target = entry && $(`legend-${entry}`);
  for (const old of dialog.querySelectorAll(".highlight")) old.classList.remove("highlight");
  if (target) {
    target.classList.add("highlight");
    target.scrollIntoView({ block: "center" });
  }
}
$("legend-button").addEventListener("click", () => openLegend());

document.addEventListener("keydown", (e) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
  if (e.key === "F9") { e.preventDefault(); $("projector-button").click(); }
  else if (e.key === "?" && !typing) { e.preventDefault(); openLegend(); }
  else if (e.key === "Escape" && !$("legend").open) {
    for (const channel of [proveChannel, specChannel, playChannel, collapseChannel]) channel.cancel();
  }
});

// ---- the link: the URL fragment holds what was asked -----------------------------------------
// #formula=…&logic=GL  ·  #example=tower or #spec=<file text>&name=…  ·  #game=decisions (a shipped
// .ua file; game=spurious the demo) or #ua=<file text>  ·  #samples=…&real=…&generations=…
// plus view=projector. Asking pushes a history entry, so Back walks through what was asked.
const SPEC_IN_LINK = 6000; // characters of a pasted file a link may carry
const shown = { prove: null, spec: null, play: null, collapse: null }; // what each panel shows (its key)
let collapseInLink = false; // the sliders enter the link once they are moved
let specSource = null; // {example} or {text, name}
let gameSource = null; // {game} (a shipped .ua file, or "spurious": the demo) or {text}

function linkParams() {
  const params = new URLSearchParams();
  params.set("formula", $("formula").value);
  params.set("logic", $("logic").value);
  if (specSource && specSource.example) params.set("example", specSource.example);
  else if (specSource && specSource.text.length <= SPEC_IN_LINK) {
    params.set("spec", specSource.text);
    if (specSource.name) params.set("name", specSource.name);
  }
  if (gameSource && gameSource.game) params.set("game", gameSource.game);
  else if (gameSource && gameSource.text.length <= SPEC_IN_LINK) params.set("ua", gameSource.text);
  if (collapseInLink) {
    for (const id of ["samples", "real", "generations"]) params.set(id, $(id).value);
  }
  if (document.body.classList.contains("projector")) params.set("view", "projector");
  return params;
}

function writeLink(push = true) {
  const hash = `#${linkParams().toString()}`;
  if (hash === location.hash) return;
  if (push) history.pushState(null, "", hash);
  else history.replaceState(null, "", hash);
}

function readLink() {
  const raw = location.hash.length > 1 ? location.hash.slice(1) : location.search.slice(1);
  return new URLSearchParams(raw);
}

// Make the page show what the link says, re-asking only the panels whose question changed.
function applyLink() {
  const params = readLink();
  setProjector(params.get("view") === "projector", false);
  const formula = params.get("formula");
  const logic = params.get("logic");
  if (formula !== null) $("formula").value = formula;
  const option = logic === null ? null
    : [...$("logic").options].find((o) => o.value.toLowerCase() === logic.toLowerCase());
  if (option) $("logic").value = option.value;
  if (proveKey() !== shown.prove) { expand = []; checkSyntax(); prove(false); }
  if (params.get("example")) {
    if (!specSource || specSource.example !== params.get("example")) loadExample(params.get("example"), false);
  } else if (params.get("spec") !== null) {
    const text = params.get("spec");
    if (!specSource || specSource.text !== text) {
      $("spec-text").value = text;
      check({ text, name: params.get("name") || "<link>" }, false);
    }
  }
  if (params.get("game")) {
    if (!gameSource || gameSource.game !== params.get("game")) loadGame(params.get("game"), false);
  } else if (params.get("ua") !== null) {
    const text = params.get("ua");
    if (!gameSource || gameSource.text !== text) {
      $("game-text").value = text;
      play({ text }, false);
    }
  }
  if (params.get("samples") || params.get("real") || params.get("generations")) {
    collapseInLink = true;
    for (const id of ["samples", "real", "generations"]) {
      if (params.get(id) !== null) { $(id).value = params.get(id); $(`${id}-value`).textContent = $(id).value; }
    }
    if (collapseKey() !== shown.collapse) redraw(false);
  }
}

window.addEventListener("popstate", applyLink);

$("copy-link").addEventListener("click", async () => {
  writeLink(false);
  const url = location.href;
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch (e) {
    const field = document.createElement("textarea");
    field.value = url;
    document.body.append(field);
    field.select();
    copied = document.execCommand("copy");
    field.remove();
  }
  $("copied").textContent = copied ? "link copied" : `copy this link: ${url}`;
  $("copied").dataset.url = url;
  setTimeout(() => { $("copied").textContent = ""; }, 4000);
});

// ---- formulas -------------------------------------------------------------------------------
let expand = [];
const proveChannel = new Channel("prove", $("verdict"), $("prove-cancel"), "deciding");
proveChannel.onCancel = () => { clearAnswer(); shown.prove = null; $("prove-button").disabled = false; };
const parseChannel = new Channel("parse", document.createElement("p"), null, "reading");
let syntaxOk = true;

function proveKey() { return `${$("logic").value}\u0000${$("formula").value}\u0000${expand.join(",")}`; }

function clearAnswer() {
  $("picture").innerHTML = "";
  $("reduction").innerHTML = "";
}

const checkSyntax = debounce(async () => {
  const answer = await parseChannel.request("parse", { formula: $("formula").value });
  if (answer === null) return;
  const box = $("syntax");
  syntaxOk = !answer.error;
  if (answer.error) {
    box.textContent = answer.error;
    box.className = "syntax error";
  } else {
    box.textContent = answer.result.unicode;
    box.className = "syntax";
  }
}, 200);

async function prove(record = true) {
  const logic = $("logic").value;
  const formula = $("formula").value;
  const key = proveKey();
  if (record) writeLink(true);
  $("picture").classList.add("stale");
  $("prove-button").disabled = true;
  const answer = await proveChannel.request("prove", { formula, logic, expand });
  if (answer === null) return; // superseded or cancelled: the newer request draws
  $("prove-button").disabled = false;
  shown.prove = key;
  if (answer.error) {
    clearAnswer();
    $("verdict").textContent = errorWords(answer);
    $("verdict").className = answer.exit === 3 ? "verdict limit" : "verdict error";
    if (answer.line) { // a syntax error: the caret message, aligned, under the input
      $("syntax").textContent = answer.error;
      $("syntax").className = "syntax error";
    }
    return;
  }
  const valid = answer.result.valid;
  const name = valid ? "theorem" : "not-a-theorem";
  const asked = answer.formula || answer.result.formula || formula;
  if (valid === undefined) { // every logic at once: a table, no single verdict
    $("verdict").innerHTML = `<span class="formula">${escapeHtml(asked)}</span>: ${escapeHtml(answer.verdict)}` +
      ` <small class="seconds">(${answer.waited.toFixed(1)} s)</small>`;
    $("verdict").className = "verdict";
  } else {
    $("verdict").innerHTML = `<span class="formula">${escapeHtml(asked)}</span>: ` +
      `<button type="button" class="verdict-name" data-legend="${name}">${escapeHtml(answer.verdict)}</button> of ${escapeHtml(logic)}` +
      ` <small class="seconds">(${answer.waited.toFixed(1)} s)</small>`;
    $("verdict").className = valid ? "verdict theorem" : "verdict refuted";
  }
  $("verdict").dataset.formula = formula;
  $("verdict").dataset.logic = logic;
  if (answer.reduction) {
    const r = answer.reduction;
    $("reduction").innerHTML = "<p>S is decided by Solovay's reduction to GL: with the reflection instances " +
      r.instances.map((i) => `<code>${escapeHtml(i)}</code>`).join(", ") +
      ` as hypotheses, the GL formula <code>${escapeHtml(r.reduced)}</code> is ${valid ? "" : "not "}a theorem of GL.</p>` +
      `<p class="hint">${escapeHtml(r.certifies)}</p>`;
  } else {
    $("reduction").innerHTML = "";
  }
  showPicture($("picture"), answer.html);
  for (const stub of $("picture").querySelectorAll(".stub")) {
    stub.addEventListener("click", () => { expand.push(Number(stub.dataset.node)); prove(false); });
  }
  window.lobkitPage.emit("answer", { panel: "prove", answer });
}

$("formula").addEventListener("input", () => { expand = []; $("prove-button").disabled = false; checkSyntax(); });
$("formula").addEventListener("keydown", (e) => { if (e.key === "Enter") { expand = []; prove(); } });
$("prove-button").addEventListener("click", () => { expand = []; prove(); });
$("logic").addEventListener("change", () => { expand = []; $("prove-button").disabled = false; prove(); });
$("verdict").addEventListener("click", (e) => {
  if (e.target.dataset && e.target.dataset.legend) openLegend(e.target.dataset.legend);
});

// ---- theory files ---------------------------------------------------------------------------
const specChannel = new Channel("spec", $("spec-status"), $("spec-cancel"), "checking");
specChannel.onCancel = () => { clearSpec(); shown.spec = null; };
let specRows = [];

function clearSpec() {
  for (const id of ["spec-results", "matrix", "spec-certificate"]) $(id).innerHTML = "";
  $("spec-error").hidden = true;
  $("spec-error").textContent = "";
  specRows = [];
}

function legendKey(verdict) {
  if (["consistent", "inconsistent"].includes(verdict)) return "consistent";
  if (["sound", "unsound"].includes(verdict)) return "sound";
  if (verdict === "unbounded" || /^\d+$/.test(verdict)) return "depth";
  return verdict;
}

function verdictClass(verdict) {
  if (["proved", "licensed", "consistent", "sound"].includes(verdict)) return "good";
  if (verdict === "unbounded" || /^\d+$/.test(verdict)) return "neutral";
  return "bad";
}

async function check(source, record = true, form = null) {
  specSource = source;
  if (record) writeLink(true);
  for (const id of ["spec-results", "matrix", "spec-certificate"]) $(id).classList.add("stale");
  const answer = await specChannel.request("check", form ? null : { text: source.text, name: source.name }, form);
  if (answer === null) return;
  for (const id of ["spec-results", "matrix", "spec-certificate"]) $(id).classList.remove("stale");
  clearSpec();
  shown.spec = source.example || source.text;
  if (answer.error) {
    $("spec-status").textContent = answer.exit === 3 ? errorWords(answer) : "the file has an error:";
    $("spec-status").className = "verdict error";
    if (answer.exit !== 3) { // the caret message in a monospace block, so ^ points at the column
      $("spec-error").textContent = answer.error;
      $("spec-error").hidden = false;
    }
    return;
  }
  const doc = answer.result;
  const expected = doc.results.filter((r) => r.ok !== null).length;
  const held = doc.results.filter((r) => r.ok).length;
  $("spec-status").textContent = `${doc.file} (${doc.logic}): ${doc.results.length} queries, ` +
    `${held}/${expected} expectations hold (${answer.waited.toFixed(1)} s)`;
  $("spec-status").className = doc.ok ? "verdict theorem" : "verdict refuted";
  specRows = answer.rows;
  const rows = answer.rows.map((r, i) => {
    const got = r.ok === null ? "" : r.ok ? `<span class="good">✓ as expected</span>` : `<span class="bad">✗ FAILED</span>`;
    return `<tr data-row="${i}" tabindex="0" title="click to draw its certificate">` +
      `<td>${r.line}</td><td><code>${escapeHtml(r.query)}</code></td>` +
      `<td><button type="button" class="verdict-name ${verdictClass(r.verdict)}" data-legend="${escapeHtml(legendKey(r.verdict))}">${escapeHtml(r.verdict)}</button></td>` +
      `<td class="reason">${escapeHtml(r.reason)}</td>` +
      `<td>${escapeHtml(r.expected || "—")}</td><td>${escapeHtml(r.verdict)} ${got}</td>` +
      `<td class="exactness" title="${escapeHtml(r.exactness)}">${r.exact ? "exact" : "relative"}</td></tr>`;
  }).join("");
  $("spec-results").innerHTML =
    '<table class="queries"><thead><tr><th>line</th><th>query</th><th>verdict</th><th>why</th>' +
    '<th>expected</th><th>got</th><th><button type="button" class="verdict-name" data-legend="exact">exact?</button></th></tr></thead>' +
    `<tbody>${rows}</tbody></table>`;
  $("matrix").innerHTML = `<h3>Licensing matrix</h3>${answer.html}`;
  for (const cell of $("matrix").querySelectorAll("td")) {
    cell.dataset.legend = legendKey(cell.textContent.trim());
    cell.title = "click for what this verdict means";
  }
  window.lobkitPage.emit("answer", { panel: "spec", answer });
}

function drawCertificate(index) {
  const row = specRows[index];
  if (!row) return;
  for (const tr of $("spec-results").querySelectorAll("tr.selected")) tr.classList.remove("selected");
  const tr = $("spec-results").querySelector(`tr[data-row="${index}"]`);
  if (tr) tr.classList.add("selected");
  const parts = row.certificates.map((c) =>
    `<h4>${c.kind === "proof" ? "proof of" : "countermodel to"} <code>${escapeHtml(c.goal)}</code></h4>` +
    (c.html || "<p class=\"hint\">(not drawn: see the text below)</p>"));
  $("spec-certificate").dataset.row = String(index);
  showPicture($("spec-certificate"),
    `<h3>Line ${row.line}: <code>${escapeHtml(row.query)}</code> — ${escapeHtml(row.verdict)}</h3>` +
    `<p>${escapeHtml(row.reason)}</p><p class="hint">${escapeHtml(row.exactness)}</p>` +
    (parts.join("") || "<p>(no certificate: this verdict is explained by the line above)</p>") +
    `<details><summary>as text (what lobkit check prints)</summary><pre>${escapeHtml(row.text)}</pre></details>`);
}

$("spec-results").addEventListener("click", (e) => {
  if (e.target.dataset && e.target.dataset.legend) { openLegend(e.target.dataset.legend); return; }
  const tr = e.target.closest("tr[data-row]");
  if (tr) drawCertificate(Number(tr.dataset.row));
});
$("spec-results").addEventListener("keydown", (e) => {
  const tr = e.target.closest && e.target.closest("tr[data-row]");
  if (tr && e.key === "Enter") drawCertificate(Number(tr.dataset.row));
});
$("matrix").addEventListener("click", (e) => {
  if (e.target.dataset && e.target.dataset.legend) openLegend(e.target.dataset.legend);
});

$("check-button").addEventListener("click", () =>
  check({ text: $("spec-text").value, name: "<pasted>" }));

$("upload").addEventListener("change", async () => {
  const file = $("upload").files[0];
  if (!file) return;
  const text = await file.text();
  $("spec-text").value = text;
  const form = new FormData();
  form.append("file", file);
  check({ text, name: file.name }, true, form);
});

async function loadExample(name, record = true) {
  const response = await fetch(`/api/example/${encodeURIComponent(name)}`);
  const answer = await response.json();
  if (answer.error) {
    clearSpec();
    $("spec-status").textContent = answer.error;
    $("spec-status").className = "verdict error";
    return;
  }
  $("spec-text").value = answer.text;
  check({ example: name, text: answer.text, name: `${name}.lob` }, record);
  $("spec").scrollIntoView();
}

// ---- decision problems (MIRI's language) and the spurious-proof demo ----------------------
const playChannel = new Channel("play", $("play-status"), $("play-cancel"), "playing");
playChannel.onCancel = () => { clearPlay(); shown.play = null; };
const PLAY_BOXES = ["play-results", "spurious-proof"];

function clearPlay() {
  for (const id of PLAY_BOXES) $(id).innerHTML = "";
  $("play-error").hidden = true;
  $("play-error").textContent = "";
  $("play-transcript").hidden = true;
}

function provedIn(k) { return k === 0 ? "PA" : `PA + Con<sup>${k}</sup>`; }

// One row per game: what was played, by whom, the outcome, where it is proved.
function gamesTable(games, labels) {
  const rows = games.map((g, i) => {
    const outcome = Object.entries(g.result).map(([who, value]) => `${who}=${value}`).join(", ");
    const check = g.verified ? '<span class="good">✓ verified</span>' : '<span class="bad">not verified</span>';
    return `<tr data-game="${i}">${labels ? `<td>${escapeHtml(labels[i])}</td>` : ""}` +
      `<td>${escapeHtml(g.command)}</td><td><code>${escapeHtml(g.calls.join(", "))}</code></td>` +
      `<td class="outcome"><code>${escapeHtml(outcome)}</code></td>` +
      `<td>${provedIn(g.proved_in)} (k = ${g.proved_in})</td><td>${check}</td></tr>`;
  }).join("");
  return `<table class="queries games"><thead><tr>${labels ? "<th>agent</th>" : ""}<th>command</th>` +
    "<th>players</th><th>outcome</th><th>proved in</th><th>GL prover</th></tr></thead>" +
    `<tbody>${rows}</tbody></table>`;
}

async function play(source, record = true) {
  gameSource = source;
  if (record) writeLink(true);
  for (const id of PLAY_BOXES) $(id).classList.add("stale");
  const demo = source.game === "spurious";
  const answer = demo ? await playChannel.request("spurious", {})
    : await playChannel.request("play", { text: source.text, name: source.name || "<pasted>" });
  if (answer === null) return;
  for (const id of PLAY_BOXES) $(id).classList.remove("stale");
  clearPlay();
  shown.play = source.game || source.text;
  if (answer.error) {
    $("play-status").textContent = answer.exit === 3 ? errorWords(answer) : "the file has an error:";
    $("play-status").className = "verdict error";
    if (answer.exit !== 3) { $("play-error").textContent = answer.error; $("play-error").hidden = false; }
    return;
  }
  const games = demo ? Object.values(answer.result.games) : answer.result.games;
  $("play-results").innerHTML = gamesTable(games, demo ? answer.agents : null);
  $("play-transcript").querySelector("pre").textContent = answer.text;
  $("play-transcript").hidden = false;
  if (demo) {
    $("game-text").value = answer.game;
    const naive = games[0].result["A()"];
    $("play-status").textContent = `5-and-10: the naive agent takes ${naive} (the spurious proof); ` +
      `the chicken rule and modal UDT take 10 (${answer.waited.toFixed(1)} s)`;
    $("play-status").className = "verdict refuted";
    showPicture($("spurious-proof"),
      "<h3>The spurious proof: GL ⊢ ⊡S → □P ∧ a5 (kernel-checked)</h3>" +
      `<p>S = <code>${escapeHtml(answer.system)}</code> (the naive game's equations: a5 takes 5, u5 gets $5, …); ` +
      `P = <code>${escapeHtml(answer.conditional)}</code> ("taking 10 would get me $0"). ` +
      "PA proves □P → P, so by Löb's theorem (the rule GLR) it proves P, and the agent takes $5.</p>" +
      answer.derivation +
      "<h3>With the chicken rule PA does not prove P′: a kernel-checked countermodel to ⊡S′ → □P′</h3>" +
      answer.countermodel);
  } else {
    const doc = answer.result;
    $("play-status").textContent = `${doc.file}: ${games.length} games, ` +
      `${games.filter((g) => g.verified).length} verified by the GL prover (${answer.waited.toFixed(1)} s)`;
    $("play-status").className = "verdict theorem";
  }
  window.lobkitPage.emit("answer", { panel: "play", answer });
}

async function loadGame(name, record = true) {
  if (name === "spurious") { play({ game: name }, record); $("decisions").scrollIntoView(); return; }
  const response = await fetch(`/api/game/${encodeURIComponent(name)}`);
  const answer = await response.json();
  if (answer.error) {
    clearPlay();
    $("play-status").textContent = answer.error;
    $("play-status").className = "verdict error";
    return;
  }
  $("game-text").value = answer.text;
  play({ game: name, text: answer.text, name: `${name}.ua` }, record);
  $("decisions").scrollIntoView();
}

$("play-button").addEventListener("click", () => play({ text: $("game-text").value }));

// ---- collapse -------------------------------------------------------------------------------
const collapseChannel = new Channel("collapse", $("collapse-status"), null, "simulating");
let collapseRun = 0;

function collapseKey() { return ["samples", "real", "generations"].map((id) => $(id).value).join(","); }

const redraw = debounce(async (record = true) => {
  const samples = Number($("samples").value);
  const real = Number($("real").value);
  const generations = Number($("generations").value);
  const key = collapseKey();
  if (record && collapseInLink) writeLink(true);
  const answer = await collapseChannel.request("collapse",
    { samples, real_fraction: real, generations, trajectories: 2000 });
  if (answer === null) return; // a newer slider position is on its way
  const run = ++collapseRun;
  shown.collapse = key;
  if (answer.error) {
    $("collapse-status").textContent = errorWords(answer);
    $("collapse-status").className = "verdict error";
    $("collapse-plot").innerHTML = "";
    return;
  }
  const mean = answer.result.mean_variance;
  $("collapse-status").textContent =
    `N = ${samples}, real fraction ${real}, ${generations} generations: mean variance ${mean[mean.length - 1].toPrecision(3)}` +
    ` (left: real fraction 0, synthetic only)`;
  $("collapse-status").className = "verdict";
  $("collapse-plot").innerHTML = answer.html;
  $("collapse-plot").dataset.run = String(run);
}, 250);

for (const id of ["samples", "real", "generations"]) {
  $(id).addEventListener("input", () => {
    $(`${id}-value`).textContent = $(id).value;
    collapseInLink = true;
    redraw();
  });
}

// ---- the demo links are links: the fragment says what to show --------------------------------
for (const link of document.querySelectorAll("#demos a")) {
  link.addEventListener("click", (e) => {
    e.preventDefault();
    const params = new URLSearchParams(link.getAttribute("href").slice(1));
    if (params.get("example")) { loadExample(params.get("example")); return; }
    if (params.get("game")) { loadGame(params.get("game")); return; }
    if (params.get("formula") !== null) {
      $("formula").value = params.get("formula");
      $("logic").value = params.get("logic") || "GL";
      expand = [];
      checkSyntax();
      prove();
      $("prove").scrollIntoView();
      return;
    }
    for (const id of ["samples", "real", "generations"]) {
      $(id).value = params.get(id);
      $(`${id}-value`).textContent = $(id).value;
    }
    collapseInLink = true;
    redraw();
    $("collapse").scrollIntoView();
  });
}

// ---- a hook for other sections (the model editor, …) -----------------------------------------
// `lobkitPage.on("answer", fn)` hears every answer drawn ({panel, answer}); `lobkitPage.api`
// asks the server; `lobkitPage.showPicture(box, html)` draws with pan and zoom.
window.lobkitPage = {
  listeners: {},
  on(event, fn) { (this.listeners[event] = this.listeners[event] || []).push(fn); },
  emit(event, detail) { for (const fn of this.listeners[event] || []) fn(detail); },
  showPicture,
  openLegend,
  channel: (name, status, cancel, word) => new Channel(name, status, cancel, word),
};

// ---- start ----------------------------------------------------------------------------------
async function start() {
  try {
    const health = await (await fetch("/api/health")).json();
    limits = health.limits || limits;
  } catch (e) { /* the first request will say the server is gone */ }
  const params = readLink();
  if (params.get("formula") === null) params.set("formula", $("formula").value);
  history.replaceState(null, "", `#${params.toString()}`);
  applyLink();
  if (!collapseInLink) redraw(false);
}

start();
