"""Theory files and the tiling checker: can a self-modifying agent license its successor?

After Yudkowsky & Herreshoff, "Tiling Agents for Self-Modifying AI, and the Löbian Obstacle"
(2013) and Fallenstein & Soares, "Problems of self-reference in self-improving space-time
embedded intelligence" (2014). `load` reads a .lob file into a `Spec`; `Spec.check()` answers
its queries with certificates (proofs or countermodels from `lobkit.prover`).
"""

from __future__ import annotations

from lobkit.tiling.loader import load, loads
from lobkit.tiling.spec import AgentDef, Spec, TheoryDef

__all__ = ["load", "loads", "Spec", "TheoryDef", "AgentDef"]
