// The model editor: draw a Kripke model, evaluate a formula at every world, answer exercises.
// Every judgement comes from the server (POST /api/eval, /api/answer: lobkit's kernel); this
// file only draws and keeps the model in the page's link. No inline code, no eval (CSP).
"use strict";
const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
const R = 26; // world radius
let LOGICS = [];  // filled from GET /api/exercises: the logics of kernel/frames.py

const model = {
  worlds: [],      // [{name, x, y, atoms: Set}]
  root: null,
  relations: { "": [] }, // theory ("" plain) -> [[a, b]]
};
let current = "";          // the relation being drawn
let selected = null;       // {kind: "world", name} | {kind: "arrow", theory, a, b}
let lastEval = null;       // the last /api/eval result
let highlight = { worlds: [], condition: null }; // witness worlds outlined
let shownWhy = null;       // world whose chain is shown

async function api(kind, payload) {
  const response = await fetch(`/api/${kind}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
  try { return await response.json(); } catch (e) { return { error: `HTTP ${response.status}`, exit: 2 }; }
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function el(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  return node;
}

function html(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

// ---- the model as data ------------------------------------------------------------------------
function world(name) { return model.worlds.find((w) => w.name === name); }

function nextName() {
  for (let i = 0; ; i++) if (!world(`w${i}`)) return `w${i}`;
}

function toJson() {
  const worlds = model.worlds.map((w) => w.name);
  const valuation = {};
  for (const w of model.worlds) valuation[w.name] = [...w.atoms].sort();
  const relations = {};
  for (const [t, pairs] of Object.entries(model.relations)) relations[t] = pairs.map((p) => [...p]);
  return { worlds, root: model.root || worlds[0], relations, valuation };
}

function hasArrow(t, a, b) { return (model.relations[t] || []).some((p) => p[0] === a && p[1] === b); }

function toggleArrow(t, a, b) {
  const pairs = model.relations[t] || (model.relations[t] = []);
  const i = pairs.findIndex((p) => p[0] === a && p[1] === b);
  if (i >= 0) pairs.splice(i, 1); else pairs.push([a, b]);
}

function removeWorld(name) {
  model.worlds = model.worlds.filter((w) => w.name !== name);
  for (const t of Object.keys(model.relations)) {
    model.relations[t] = model.relations[t].filter((p) => p[0] !== name && p[1] !== name);
  }
  if (model.root === name) model.root = model.worlds.length ? model.worlds[0].name : null;
}

// Positions for worlds that have none: layers by distance from the root.
function layout(names, pairs, keep) {
  const depth = {};
  const root = names[0];
  const queue = [root];
  depth[root] = 0;
  while (queue.length) {
    const a = queue.shift();
    for (const [x, y] of pairs) if (x === a && !(y in depth)) { depth[y] = depth[a] + 1; queue.push(y); }
  }
  let extra = Math.max(0, ...Object.values(depth)) + 1;
  for (const n of names) if (!(n in depth)) depth[n] = extra;
  const rows = {};
  for (const n of names) (rows[depth[n]] = rows[depth[n]] || []).push(n);
  const out = {};
  const layers = Object.keys(rows).length;
  for (const [d, row] of Object.entries(rows)) {
    row.forEach((n, i) => {
      out[n] = keep[n] || {
        x: Math.round((720 * (i + 1)) / (row.length + 1)),
        y: Math.round(400 - (340 * Number(d)) / Math.max(1, layers - 1 || 1)),
      };
    });
  }
  return out;
}

function fromJson(data, positions) {
  const keep = {};
  for (const w of model.worlds) keep[w.name] = { x: w.x, y: w.y };
  Object.assign(keep, positions || {});
  const all = Object.values(data.relations).flat();
  const pos = layout(data.worlds, all, keep);
  model.worlds = data.worlds.map((n) => ({ name: n, x: pos[n].x, y: pos[n].y, atoms: new Set(data.valuation[n] || []) }));
  model.root = data.root;
  model.relations = { "": [] };
  for (const [t, pairs] of Object.entries(data.relations)) model.relations[t] = pairs.map((p) => [...p]);
  refreshRelations();
}

// ---- drawing ----------------------------------------------------------------------------------
function truthOf(name) {
  if (!lastEval || !lastEval.worlds) return null;
  const v = lastEval.worlds.find((w) => w.world === name);
  return v ? v.holds : null;
}

function arrowPath(a, b, bend) {
  if (a === b) {
    const x = a.x, y = a.y - R;
    return `M ${x - 10} ${y + 2} C ${x - 34} ${y - 46}, ${x + 34} ${y - 46}, ${x + 10} ${y + 2}`;
  }
  const dx = b.x - a.x, dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len, uy = dy / len;
  const sx = a.x + ux * R, sy = a.y + uy * R;
  const ex = b.x - ux * (R + 2), ey = b.y - uy * (R + 2);
  if (!bend) return `M ${sx} ${sy} L ${ex} ${ey}`;
  const mx = (sx + ex) / 2 - uy * bend, my = (sy + ey) / 2 + ux * bend;
  return `M ${sx} ${sy} Q ${mx} ${my} ${ex} ${ey}`;
}

function draw() {
  const arrows = $("arrows");
  const worlds = $("worlds");
  arrows.replaceChildren();
  worlds.replaceChildren();
  const theories = Object.keys(model.relations).sort();
  theories.forEach((t, ti) => {
    for (const [a, b] of model.relations[t]) {
      const wa = world(a), wb = world(b);
      if (!wa || !wb) continue;
      const both = a !== b && hasArrow(t, b, a);
      const bend = (both ? 18 : 0) + ti * 10 * (t ? 1 : 0);
      const d = arrowPath(wa, wb, bend);
      const isSel = selected && selected.kind === "arrow" && selected.theory === t && selected.a === a && selected.b === b;
      const g = el("g", { class: `arrow${t ? " indexed" : ""}${isSel ? " selected" : ""}`, "data-theory": t, "data-from": a, "data-to": b });
      g.appendChild(el("path", { d, class: "line", "marker-end": `url(#${t ? "head-indexed" : "head"})` }));
      g.appendChild(el("path", { d, class: "hit" }));
      if (t) {
        const mx = a === b ? wa.x : (wa.x + wb.x) / 2, my = a === b ? wa.y - R - 40 : (wa.y + wb.y) / 2 - 6;
        g.appendChild(el("text", { x: mx, y: my, class: "theory-label" }, t));
      }
      g.addEventListener("mousedown", (e) => { e.stopPropagation(); });
      g.addEventListener("click", (e) => {
        e.stopPropagation();
        selected = { kind: "arrow", theory: t, a, b };
        draw();
      });
      arrows.appendChild(g);
    }
  });
  for (const w of model.worlds) {
    const truth = truthOf(w.name);
    const classes = ["world"];
    if (truth === true) classes.push("holds");
    if (truth === false) classes.push("fails");
    if (w.name === model.root) classes.push("root");
    if (selected && selected.kind === "world" && selected.name === w.name) classes.push("selected");
    if (highlight.worlds.includes(w.name)) classes.push("witness");
    const g = el("g", { class: classes.join(" "), "data-world": w.name, transform: `translate(${w.x},${w.y})` });
    if (w.name === model.root) g.appendChild(el("circle", { r: R + 5, class: "root-ring" }));
    g.appendChild(el("circle", { r: R, class: "body" }));
    g.appendChild(el("text", { y: -3, class: "name" }, w.name));
    g.appendChild(el("text", { y: 13, class: "atoms" }, [...w.atoms].sort().join(" ") || "–"));
    if (truth !== null) g.appendChild(el("text", { x: R - 2, y: -R + 6, class: "mark" }, truth ? "✓" : "✗"));
    g.addEventListener("mousedown", (e) => startDrag(e, w));
    worlds.appendChild(g);
  }
  drawSelection();
}

function drawSelection() {
  const box = $("selection");
  box.replaceChildren();
  if (!selected) return;
  if (selected.kind === "arrow") {
    const t = selected.theory ? `[${selected.theory}]` : "□";
    box.appendChild(html("span", null, `arrow ${selected.a} → ${selected.b} of ${t} `));
    const remove = html("button", "remove-arrow", "remove arrow");
    remove.type = "button";
    remove.addEventListener("click", () => { toggleArrow(selected.theory, selected.a, selected.b); selected = null; changed(); });
    box.appendChild(remove);
    return;
  }
  const w = world(selected.name);
  if (!w) { selected = null; return; }
  box.appendChild(html("b", null, `${w.name}${w.name === model.root ? " (root)" : ""}: `));
  for (const atom of atomChoices()) {
    const chip = html("button", `atom${w.atoms.has(atom) ? " on" : ""}`, atom);
    chip.type = "button";
    chip.dataset.atom = atom;
    chip.setAttribute("aria-pressed", String(w.atoms.has(atom)));
    chip.addEventListener("click", () => {
      if (w.atoms.has(atom)) w.atoms.delete(atom); else w.atoms.add(atom);
      changed();
    });
    box.appendChild(chip);
  }
  const makeRoot = html("button", "make-root", "make root");
  makeRoot.type = "button";
  makeRoot.addEventListener("click", () => { model.root = w.name; changed(); });
  const remove = html("button", "remove-world", "remove world");
  remove.type = "button";
  remove.addEventListener("click", () => { removeWorld(w.name); selected = null; changed(); });
  box.append(makeRoot, remove);
}

function atomChoices() {
  const atoms = new Set(["p", "q"]);
  for (const m of ($("formula").value.match(/\b[a-z][A-Za-z0-9_]*\b/g) || [])) {
    if (m !== "true" && m !== "false") atoms.add(m);
  }
  for (const w of model.worlds) for (const a of w.atoms) atoms.add(a);
  return [...atoms].sort();
}

// ---- mouse ------------------------------------------------------------------------------------
let drag = null; // {from, moved, move: bool, x, y}

function point(e) {
  const svg = $("canvas");
  const box = svg.getBoundingClientRect();
  return { x: ((e.clientX - box.left) * 720) / box.width, y: ((e.clientY - box.top) * 440) / box.height };
}

function worldAt(p) {
  return model.worlds.find((w) => Math.hypot(w.x - p.x, w.y - p.y) <= R + 2);
}

function startDrag(e, w) {
  e.stopPropagation();
  e.preventDefault();
  drag = { from: w, moved: false, left: false, move: e.shiftKey, start: point(e) };
}

$("canvas").addEventListener("mousemove", (e) => {
  if (!drag) return;
  const p = point(e);
  if (Math.hypot(p.x - drag.start.x, p.y - drag.start.y) > 4) drag.moved = true;
  if (Math.hypot(p.x - drag.from.x, p.y - drag.from.y) > R + 4) drag.left = true;
  if (drag.move) {
    drag.from.x = Math.max(R, Math.min(720 - R, p.x));
    drag.from.y = Math.max(R + 50, Math.min(440 - R, p.y));
    draw();
    return;
  }
  const rubber = $("rubber");
  rubber.classList.remove("hidden");
  rubber.setAttribute("x1", drag.from.x); rubber.setAttribute("y1", drag.from.y);
  rubber.setAttribute("x2", p.x); rubber.setAttribute("y2", p.y);
});

window.addEventListener("mouseup", (e) => {
  if (!drag) return;
  const d = drag;
  drag = null;
  $("rubber").classList.add("hidden");
  if (d.move) { saveLink(); return; }
  const target = worldAt(point(e));
  if (!d.moved || (target === d.from && !d.left)) {
    selected = { kind: "world", name: d.from.name };
    draw();
    showWhy(d.from.name);
    return;
  }
  if (target) {
    toggleArrow(current, d.from.name, target.name);
    changed();
  }
});

$("canvas").addEventListener("mousedown", (e) => {
  if (e.button !== 0) return;
  const p = point(e);
  if (worldAt(p)) return;
  const name = nextName();
  model.worlds.push({ name, x: Math.round(p.x), y: Math.round(p.y), atoms: new Set() });
  if (!model.root) model.root = name;
  selected = { kind: "world", name };
  changed();
});

window.addEventListener("keydown", (e) => {
  if (!selected || ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement.tagName)) return;
  if (e.key !== "Delete" && e.key !== "Backspace") return;
  if (selected.kind === "arrow") toggleArrow(selected.theory, selected.a, selected.b);
  else removeWorld(selected.name);
  selected = null;
  changed();
});

// ---- relations --------------------------------------------------------------------------------
function refreshRelations() {
  const menu = $("relation");
  const have = [...menu.options].map((o) => o.value);
  for (const t of Object.keys(model.relations).sort()) {
    if (t && !have.includes(t)) {
      const option = html("option", null, `[${t}]`);
      option.value = t;
      menu.appendChild(option);
    }
  }
}

$("add-theory").addEventListener("click", () => {
  const name = $("new-theory").value.trim();
  if (!/^[A-Z][A-Za-z0-9_]*$/.test(name)) {
    $("model-error").textContent = `${name || "(empty)"} is not a theory name: an identifier starting uppercase, as PA`;
    return;
  }
  if (!model.relations[name]) model.relations[name] = [];
  refreshRelations();
  $("relation").value = name;
  current = name;
  $("new-theory").value = "";
});
$("relation").addEventListener("change", () => { current = $("relation").value; });

// ---- evaluation -------------------------------------------------------------------------------
let evalRun = 0;

async function evaluate() {
  const run = ++evalRun;
  if (!model.worlds.length) {
    lastEval = null;
    $("model-text").value = "";
    $("summary").textContent = "Click in the drawing area to add a world.";
    $("conditions").replaceChildren();
    $("logics").textContent = "";
    $("model-error").textContent = "";
    draw();
    saveLink();
    return;
  }
  const answer = await api("eval", { model: toJson(), formula: $("formula").value });
  if (run !== evalRun) return; // a newer model is on its way
  if (answer.error) {
    const formulaError = answer.error.startsWith("<formula>");
    $(formulaError ? "summary" : "model-error").textContent = answer.error;
    $("summary").className = "summary error";
    if (formulaError) { lastEval = null; draw(); }
    return;
  }
  $("model-error").textContent = "";
  lastEval = answer.result;
  if (document.activeElement !== $("model-text")) $("model-text").value = lastEval.text.replaceAll("; ", "\n");
  showResult();
  saveLink();
}
const evaluateSoon = debounce(evaluate, 150);

function changed() { draw(); evaluateSoon(); }

function showResult() {
  const r = lastEval;
  const summary = $("summary");
  if (r.worlds) {
    const n = r.worlds.length;
    summary.textContent = `${r.unicode} holds at ${r.holds_at.length} of ${n} world${n === 1 ? "" : "s"}` +
      (r.fails_at.length ? `; fails at ${r.fails_at.join(", ")}` : " (everywhere)") +
      (r.holds_at_root ? "" : ` — refuted at the root ${r.root}`);
    summary.className = r.holds_at_root ? "summary holds" : "summary fails";
  } else {
    summary.textContent = "Type a formula to evaluate it at every world.";
    summary.className = "summary";
  }
  showConditions();
  draw();
  if (shownWhy) showWhy(shownWhy);
}

function showConditions() {
  const r = lastEval;
  const list = $("conditions");
  list.replaceChildren();
  const logic = $("logic").value;
  const needed = new Set((window.LOBKIT_CONDITIONS || {})[logic] || []);
  for (const c of r.conditions) {
    const item = html("li", `${c.holds ? "met" : "broken"}${needed.has(c.condition) ? " needed" : ""}`);
    item.dataset.condition = c.condition;
    item.dataset.relation = c.relation;
    const box = c.relation ? `[${c.relation}] ` : "";
    item.textContent = c.holds ? `✓ ${box}${c.condition}` : `✗ ${box}${c.message}`;
    if (!c.holds) {
      item.tabIndex = 0;
      item.addEventListener("mouseenter", () => { highlight = { worlds: c.witness, condition: c.condition }; draw(); });
      item.addEventListener("mouseleave", () => { highlight = { worlds: [], condition: null }; draw(); });
    }
    list.appendChild(item);
  }
  const yes = Object.entries(r.logics).filter(([, v]) => v.frame).map(([k]) => k);
  const mine = r.logics[logic];
  $("logics").textContent = `A frame of ${yes.join(", ") || "no logic listed"}. ` +
    (mine ? (mine.frame ? `${logic}: yes.` : `${logic}: no — ${mine.broken.join("; ")}.`) : "");
  $("logics").className = mine && mine.frame ? "logics ok" : "logics broken";
}

async function showWhy(name) {
  shownWhy = name;
  const box = $("why");
  box.replaceChildren();
  if (!lastEval || !lastEval.worlds) return;
  let v = lastEval.worlds.find((w) => w.world === name);
  if (!v) return;
  if (!v.chain) { // a large model: ask for this world's chain
    const answer = await api("eval", { model: toJson(), formula: $("formula").value, why: [name] });
    if (answer.error || shownWhy !== name) return;
    v = answer.result.worlds.find((w) => w.world === name) || v;
  }
  box.replaceChildren();
  box.appendChild(html("b", null, `Why at ${name}: `));
  const lines = v.chain || [`${name} ${v.holds ? "⊨" : "⊭"} ${lastEval.unicode}: ${v.reason}`];
  const list = html("ol", "chain");
  for (const line of lines) list.appendChild(html("li", null, line));
  box.appendChild(list);
}

$("formula").addEventListener("input", () => { evaluateSoon(); });
$("logic").addEventListener("change", () => { if (lastEval) showConditions(); saveLink(); });

// Typing the model as text: the server reads it (located errors beside the editor).
const readText = debounce(async () => {
  const text = $("model-text").value;
  if (!text.trim()) return;
  const answer = await api("eval", { model: text, formula: "" });
  if (answer.error) { $("model-error").textContent = answer.error; return; }
  $("model-error").textContent = "";
  fromJson(answer.result.model);
  evaluate();
}, 300);
$("model-text").addEventListener("input", readText);

$("clear-model").addEventListener("click", () => {
  model.worlds = []; model.root = null; model.relations = { "": [] }; selected = null; shownWhy = null;
  changed();
});

// ---- the link ---------------------------------------------------------------------------------
function linkParams() {
  const params = new URLSearchParams();
  if (lastEval && lastEval.text && model.worlds.length) {
    params.set("model", lastEval.text);
    params.set("pos", model.worlds.map((w) => `${w.name}:${Math.round(w.x)},${Math.round(w.y)}`).join(";"));
  }
  if ($("formula").value) params.set("formula", $("formula").value);
  params.set("logic", $("logic").value);
  if (exerciseLink) params.set("set", exerciseLink);
  if (currentExercise) params.set("exercise", currentExercise.id);
  return params;
}

function saveLink() {
  history.replaceState(null, "", `#${linkParams().toString()}`);
}

$("copy-link").addEventListener("click", async () => {
  saveLink();
  try { await navigator.clipboard.writeText(location.href); } catch (e) { /* no clipboard: the address bar has it */ }
  $("copy-link").textContent = "link copied";
  setTimeout(() => { $("copy-link").textContent = "copy link"; }, 1500);
});

async function loadLink() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get("logic") && LOGICS.includes(params.get("logic"))) $("logic").value = params.get("logic");
  if (params.get("formula")) $("formula").value = params.get("formula");
  const text = params.get("model");
  if (text) {
    const answer = await api("eval", { model: text, formula: "" });
    if (answer.error) {
      $("model-error").textContent = answer.error;
    } else {
      const positions = {};
      for (const item of (params.get("pos") || "").split(";")) {
        const m = item.match(/^([A-Za-z0-9_]+):(-?\d+),(-?\d+)$/);
        if (m) positions[m[1]] = { x: Number(m[2]), y: Number(m[3]) };
      }
      fromJson(answer.result.model, positions);
    }
  }
  return params;
}

// ---- exercises --------------------------------------------------------------------------------
let exerciseSet = null;
let exerciseLink = null;   // the set as base64url JSON when it came from a link or a file
let currentExercise = null;

function encodeSet(set) {
  const bytes = new TextEncoder().encode(JSON.stringify(set));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decodeSet(text) {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function progressKey() { return `lobkit-exercises:${exerciseSet.title}`; }
function solved() {
  try { return JSON.parse(localStorage.getItem(progressKey()) || "{}"); } catch (e) { return {}; }
}
function markSolved(id) {
  const done = solved();
  done[id] = true;
  try { localStorage.setItem(progressKey(), JSON.stringify(done)); } catch (e) { /* private mode */ }
}

function showSet() {
  $("set-title").textContent = exerciseSet.title;
  const list = $("exercise-list");
  list.replaceChildren();
  const done = solved();
  for (const ex of exerciseSet.exercises) {
    const item = html("li", `${done[ex.id] ? "solved" : ""}${currentExercise && currentExercise.id === ex.id ? " current" : ""}`);
    const button = html("button", "pick", `${ex.unicode} in ${ex.logic}`);
    button.type = "button";
    button.dataset.exercise = ex.id;
    button.addEventListener("click", () => pick(ex));
    item.appendChild(button);
    if (done[ex.id]) item.appendChild(html("span", "tick", " ✓"));
    list.appendChild(item);
  }
  const count = exerciseSet.exercises.filter((e) => done[e.id]).length;
  $("progress").textContent = `${count} of ${exerciseSet.exercises.length} solved`;
}

function pick(ex) {
  currentExercise = ex;
  $("exercise").classList.remove("hidden");
  $("exercise-prompt").textContent = ex.prompt;
  $("exercise-formula").textContent = ex.unicode;
  $("exercise-logic").textContent = ex.logic + (ex.premises ? ` with premises ${ex.premises.join("; ")}` : "");
  $("hint").textContent = ex.hint;
  $("hint").classList.add("hidden");
  $("feedback").replaceChildren();
  $("formula").value = ex.formula;
  $("logic").value = ex.logic;
  showSet();
  evaluate();
}

async function answer(verdict) {
  if (!currentExercise) return;
  const feedback = $("feedback");
  feedback.replaceChildren(html("p", "busy", "the kernel is checking…"));
  const payload = { exercise: currentExercise, verdict };
  if (verdict === "not valid") payload.model = toJson();
  else payload.steps = $("steps").value.split("\n").filter((s) => s.trim());
  const reply = await api("answer", payload);
  feedback.replaceChildren();
  if (reply.error) {
    feedback.appendChild(html("p", "wrong", reply.error));
    return;
  }
  const r = reply.result;
  feedback.appendChild(html("p", r.correct ? "right" : "wrong", (r.correct ? "✓ " : "✗ ") + r.message));
  if (r.reasons.length) {
    const list = html("ol", "chain");
    for (const line of r.reasons) list.appendChild(html("li", null, line));
    feedback.appendChild(list);
  }
  highlight = { worlds: r.witness.length ? r.witness : (r.world && !r.correct ? [r.world] : []), condition: r.condition };
  draw();
  if (r.countermodel_text) {
    const row = html("p", "countermodel", `countermodel: ${r.countermodel_text} `);
    const open = html("button", "open-countermodel", "open it in the editor");
    open.type = "button";
    open.addEventListener("click", () => { fromJson(r.countermodel); $("formula").value = currentExercise.formula; changed(); });
    row.appendChild(open);
    feedback.appendChild(row);
  }
  if (r.correct) {
    markSolved(currentExercise.id);
    if (currentExercise.note) feedback.appendChild(html("p", "note", currentExercise.note));
    showSet();
  }
}

$("answer-not-valid").addEventListener("click", () => answer("not valid"));
$("answer-valid").addEventListener("click", () => answer("valid"));
$("show-hint").addEventListener("click", () => $("hint").classList.toggle("hidden"));

$("copy-set-link").addEventListener("click", async () => {
  exerciseLink = encodeSet({ title: exerciseSet.title, exercises: exerciseSet.exercises });
  saveLink();
  try { await navigator.clipboard.writeText(location.href); } catch (e) { /* the address bar has it */ }
  $("copy-set-link").textContent = "link copied";
  setTimeout(() => { $("copy-set-link").textContent = "copy a link to this set"; }, 1500);
});

async function useSetText(text, fromLink) {
  const reply = await api("exercise_set", { text });
  if (reply.error) {
    $("progress").textContent = reply.error;
    return false;
  }
  exerciseSet = reply.result;
  exerciseLink = fromLink || encodeSet(reply.result);
  currentExercise = null;
  $("exercise").classList.add("hidden");
  showSet();
  saveLink();
  return true;
}

$("set-file").addEventListener("change", async () => {
  const file = $("set-file").files[0];
  if (file) await useSetText(await file.text(), null);
});

async function loadSet(params, served) {
  window.LOBKIT_CONDITIONS = served.conditions;
  const legend = $("rule-legend");
  for (const [rule, text] of Object.entries(served.rules)) {
    legend.append(html("dt", null, rule), html("dd", null, text));
  }
  exerciseSet = served.set;
  const link = params.get("set");
  if (link) {
    let text = null;
    try { text = decodeSet(link); } catch (e) { $("progress").textContent = "the set in this link is damaged"; }
    if (text !== null) await useSetText(text, link);
  }
  showSet();
  const wanted = params.get("exercise");
  const ex = exerciseSet.exercises.find((e) => e.id === wanted);
  if (ex) {
    currentExercise = ex;
    $("exercise").classList.remove("hidden");
    $("exercise-prompt").textContent = ex.prompt;
    $("exercise-formula").textContent = ex.unicode;
    $("exercise-logic").textContent = ex.logic;
    $("hint").textContent = ex.hint;
    showSet();
  }
}

// ---- start ------------------------------------------------------------------------------------
(async () => {
  const response = await fetch("/api/exercises");
  const served = await response.json();
  LOGICS = Object.keys(served.conditions); // every logic of kernel/frames.py's CONDITIONS
  for (const name of LOGICS) {
    const option = html("option", null, name);
    option.value = name;
    $("logic").appendChild(option);
  }
  $("logic").value = "GL";
  const params = await loadLink();
  await loadSet(params, served);
  draw();
  await evaluate();
  document.body.dataset.ready = "1";
})();
