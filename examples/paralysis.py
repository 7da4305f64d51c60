"""The Löbian obstacle: a fixed theory cannot license its identical successor.

Run: python examples/paralysis.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from lobkit.render.kripke_plot import plot_countermodel
from lobkit.tiling import loads

spec = loads("""
theory PA
theory Naive { reflect Naive }
agent Parent { theory PA; goal safe; actions build }
agent Child  { theory PA; goal safe; actions build }
""")
link = spec.licenses("Parent", "Child")
print(link.verdict, "-", link.explanation)
assert link.certificate is not None
print(link.certificate.render_text())
print("Naive consistent?", spec.consistent("Naive"))

out = Path(sys.argv[1] if len(sys.argv) > 1 else "lobkit-demo")
model = link.certificate.result.countermodel
assert model is not None
plot_countermodel(model, out / "blocked.png", title="Parent cannot license Child")
print("wrote", out / "blocked.png")
