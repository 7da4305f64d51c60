// The classroom page: every request goes to the local JSON API (no external assets).
"use strict";
const $ = (id) => document.getElementById(id);

async function api(kind, payload) {
  const response = await fetch(`/api/${kind}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
  return response.json();
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// ---- formulas -------------------------------------------------------------------------------
let expand = [];

const checkSyntax = debounce(async () => {
  const answer = await api("parse", { formula: $("formula").value });
  const box = $("syntax");
  if (answer.error) {
    box.textContent = answer.error;
    box.className = "syntax error";
  } else {
    box.textContent = answer.result.unicode;
    box.className = "syntax";
  }
}, 200);

async function prove() {
  const logic = $("logic").value;
  $("verdict").textContent = "deciding…";
  $("verdict").className = "verdict busy";
  const answer = await api("prove", { formula: $("formula").value, logic, expand });
  if (answer.error) {
    $("verdict").textContent = answer.error.split("\n")[0];
    $("verdict").className = "verdict refuted";
    $("picture").innerHTML = "";
    return;
  }
  const valid = answer.result.valid;
  $("verdict").textContent = `${answer.result.formula}: ${answer.verdict} of ${logic}`;
  $("verdict").className = valid ? "verdict theorem" : "verdict refuted";
  $("picture").innerHTML = answer.html;
  if (answer.result.countermodel) $("picture").prepend(editorLink(answer.result, logic)); // editor.js
  for (const stub of $("picture").querySelectorAll(".stub")) {
    stub.addEventListener("click", () => { expand.push(stub.dataset.node); prove(); });
  }
}

// A countermodel opens in the model editor (/editor, lobkit/web/static/editor.js) by its link.
function editorLink(result, logic) {
  const params = new URLSearchParams({ model: JSON.stringify(result.countermodel), formula: result.formula, logic });
  const link = document.createElement("a");
  link.className = "open-in-editor";
  link.href = `/editor#${params.toString()}`;
  link.textContent = "open this countermodel in the model editor";
  return link;
}

$("formula").addEventListener("input", () => { expand = []; checkSyntax(); });
$("formula").addEventListener("keydown", (e) => { if (e.key === "Enter") prove(); });
$("prove-button").addEventListener("click", () => { expand = []; prove(); });

// ---- theory files ---------------------------------------------------------------------------
function escapeHtml(text) {
  const div = document.createElement("div");
  div.textContent = text;
  return div.innerHTML;
}

async function check(payloadPromise) {
  $("spec-status").textContent = "checking…";
  $("spec-status").className = "verdict busy";
  const answer = await payloadPromise;
  if (answer.error) {
    $("spec-status").textContent = answer.error;
    $("spec-status").className = "verdict refuted";
    for (const id of ["spec-results", "matrix", "certificates"]) $(id).innerHTML = "";
    return;
  }
  const doc = answer.result;
  const held = doc.results.filter((r) => r.ok).length;
  $("spec-status").textContent = `${doc.file} (${doc.logic}): ${doc.results.length} queries, ${held}/${doc.results.length} expectations hold`;
  $("spec-status").className = doc.ok ? "verdict theorem" : "verdict refuted";
  const rows = doc.results.map((r) =>
    `<tr><td>${r.line}</td><td><code>${escapeHtml(r.query)}</code></td><td>${escapeHtml(String(r.verdict))}</td>` +
    `<td class="${r.ok ? "ok" : "fail"}">${r.ok ? "ok" : "FAILED"}</td></tr>`).join("");
  $("spec-results").innerHTML =
    `<table class="queries"><tr><th>line</th><th>query</th><th>verdict</th><th>expectation</th></tr>${rows}</table>`;
  $("matrix").innerHTML = `<h3>Licensing matrix</h3>${answer.html}`;
  $("certificates").innerHTML = "<h3>Certificates</h3>" + answer.certificates.map((c) =>
    `<details><summary>line ${c.line}</summary><pre>${escapeHtml(c.text)}</pre></details>`).join("");
}

$("check-button").addEventListener("click", () =>
  check(api("check", { text: $("spec-text").value, name: "<pasted>" })));

$("upload").addEventListener("change", () => {
  const file = $("upload").files[0];
  if (!file) return;
  const form = new FormData();
  form.append("file", file);
  file.text().then((text) => { $("spec-text").value = text; });
  check(fetch("/api/check", { method: "POST", body: form }).then((r) => r.json()));
});

// ---- collapse -------------------------------------------------------------------------------
let collapseRun = 0;
const redraw = debounce(async () => {
  const run = ++collapseRun;
  const samples = Number($("samples").value);
  const real = Number($("real").value);
  const generations = Number($("generations").value);
  $("collapse-status").textContent = "simulating…";
  $("collapse-status").className = "verdict busy";
  const answer = await api("collapse", { samples, real_fraction: real, generations, trajectories: 2000 });
  if (run !== collapseRun) return; // a newer slider position is on its way
  if (answer.error) {
    $("collapse-status").textContent = answer.error;
    $("collapse-status").className = "verdict refuted";
    return;
  }
  const mean = answer.result.mean_variance;
  $("collapse-status").textContent =
    `N = ${samples}, real fraction ${real}, ${generations} generations: mean variance ${mean[mean.length - 1].toPrecision(3)}`;
  $("collapse-status").className = "verdict";
  $("collapse-plot").innerHTML = answer.html;
  $("collapse-plot").dataset.run = String(run);
}, 250);

for (const id of ["samples", "real", "generations"]) {
  $(id).addEventListener("input", () => { $(`${id}-value`).textContent = $(id).value; redraw(); });
}

// ---- demo links -----------------------------------------------------------------------------
for (const link of document.querySelectorAll("#demos a")) {
  link.addEventListener("click", async () => {
    if (link.dataset.formula) {
      $("formula").value = link.dataset.formula;
      $("logic").value = link.dataset.logic || "GL";
      expand = [];
      checkSyntax();
      prove();
    } else if (link.dataset.example) {
      const response = await fetch(`/api/example/${link.dataset.example}`);
      const answer = await response.json();
      $("spec-text").value = answer.text;
      check(api("check", { text: answer.text, name: `${link.dataset.example}.lob` }));
    } else {
      redraw();
    }
  });
}

checkSyntax();
prove();
redraw();
