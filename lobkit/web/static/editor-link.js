// On the classroom page: every countermodel the prover draws gets a link that opens it in the
// model editor (/editor, editor.js), with its formula and logic, to be changed there. Hears the
// page's answers through `window.lobkitPage` (app.js); adds nothing else to the page.
"use strict";
(() => {
  function editorLink(result, logic) {
    // In S the countermodel is GL's, to the reduced formula (Solovay's reduction).
    const solovay = logic === "S" && result.reduced;
    const params = new URLSearchParams({
      model: JSON.stringify(result.countermodel),
      formula: solovay ? result.reduced : result.formula,
      logic: solovay ? "GL" : logic,
    });
    const link = document.createElement("a");
    link.className = "open-in-editor";
    link.href = `/editor#${params.toString()}`;
    link.textContent = "open this countermodel in the model editor";
    return link;
  }

  if (!window.lobkitPage) return;
  window.lobkitPage.on("answer", ({ panel, answer }) => {
    if (panel !== "prove" || !answer.result || !answer.result.countermodel) return;
    const picture = document.getElementById("picture");
    const logic = answer.result.logic || document.getElementById("logic").value;
    if (picture) picture.prepend(editorLink(answer.result, logic));
  });
})();
