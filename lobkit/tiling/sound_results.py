"""The answers of `sound T given …` as data, with their certificates and their English.

`BoxFact` is one provability fact `[S]φ` as the checker decided it; `Falsehood` a false
theorem with the valuation that falsifies it; `SoundResult` the whole answer (what
`Spec.sound` returns); `SoundQueryResult` the same inside a report. The decision is in
`lobkit.tiling.soundness`; nothing here decides anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lobkit.errors import ProofError
from lobkit.formula import Formula
from lobkit.tiling.results import Certificate, QueryResult
from lobkit.tiling.theory_file import TheoryFile
from lobkit.tiling.truth import Given, evaluate

__all__ = [
    "is_exact",
    "BoxFact",
    "Falsehood",
    "SoundResult",
    "SoundQueryResult",
    "explain",
]


def is_exact(cert: Certificate, spec: TheoryFile) -> bool:
    """Whether a prover answer is the arithmetic one: the oracle cited a theorem for it (every
    proof cites soundness; a negative answer cites Solovay, Gödel, a sound reading, …)."""
    return cert.citation is not None and not cert.undecided


@dataclass(frozen=True, eq=False)
class BoxFact:
    """`[theory]body` read in ℕ: true iff `theory` proves `body` (None: the logic's plain box),
    as the checker decided it, with its certificate."""

    formula: Formula
    certificate: Certificate
    exact: bool

    @property
    def theory(self) -> str | None:
        return self.formula.label

    @property
    def holds(self) -> bool:
        return self.certificate.valid

    def text(self) -> str:
        who = self.theory or "the logic"
        verb = "proves" if self.holds else "does not prove"
        value = "true" if self.holds else "false"
        return f"{self.formula} is {value} ({who} {verb} {self.formula.args[0]})"

    def to_json(self) -> dict[str, Any]:
        return {
            "formula": str(self.formula),
            "theory": self.theory,
            "proved": self.holds,
            "exact": self.exact,
            "certificate": self.certificate.to_json(),
        }


@dataclass(frozen=True, eq=False)
class Falsehood:
    """A false theorem of the queried theory on `valuation`: `formula`, of `kind` "axiom" or
    "premise" (of theory `owner`), "inconsistent" (⊥: `owner` proves it) or
    "reflection-cycle" (⊥: the cycle in `route` makes `owner` inconsistent). `route` says how
    the queried theory reaches `owner` ("T reflects S", "S extends U", …; empty: itself).
    `proof` is the checker's proof that the queried theory proves `formula`, when it has one.
    """

    formula: Formula
    kind: str
    owner: str
    route: tuple[str, ...]
    valuation: Given
    facts: tuple[BoxFact, ...]
    proof: Certificate | None = None

    @property
    def exact(self) -> bool:
        if self.kind in ("inconsistent", "reflection-cycle"):
            return True  # a proof of ⊥; or Gödel's second incompleteness theorem
        return all(fact.exact for fact in self.facts)

    def to_json(self) -> dict[str, Any]:
        return {
            "formula": str(self.formula),
            "kind": self.kind,
            "of": self.owner,
            "route": list(self.route),
            "valuation": dict(self.valuation),
            "facts": [str(f.formula) for f in self.facts],
            "proof": None if self.proof is None else self.proof.to_json(),
        }


@dataclass(frozen=True, eq=False)
class SoundResult:
    """The answer to `sound theory given …`: `verdict` "sound" or "unsound", `exact`, the
    false theorem (`falsehood`, for "unsound"), the provability facts the answer used
    (`facts`), the consistency answers (`consistency`), the theories whose soundness was
    checked (`checked`) and the atoms that ranged over both values (`free_atoms`)."""

    theory: str
    given: Given
    verdict: str
    exact: bool
    falsehood: Falsehood | None
    facts: tuple[BoxFact, ...]
    consistency: tuple[Certificate, ...]
    checked: tuple[str, ...]
    free_atoms: tuple[str, ...]

    @property
    def sound(self) -> bool:
        return self.verdict == "sound"

    def __bool__(self) -> bool:
        raise TypeError("a SoundResult has no truth value: test result.sound")

    def __repr__(self) -> str:
        return f"<SoundResult {self.theory}: {self.verdict}{'' if self.exact else ' (relative)'}>"

    @property
    def explanation(self) -> str:
        return explain(self)

    @property
    def certificate(self) -> Certificate | None:
        """The decisive certificate: the proof that the theory proves its false theorem (or
        ⊥), else the certificate of the false formula's first provability fact."""
        if self.falsehood is None:
            return None
        if self.falsehood.proof is not None:
            return self.falsehood.proof
        return self.falsehood.facts[0].certificate if self.falsehood.facts else None

    def certificates(self) -> list[Certificate]:
        certs: list[Certificate] = []
        for cert in [self.certificate, *(f.certificate for f in self.facts), *self.consistency]:
            if cert is not None and cert not in certs:
                certs.append(cert)
        return certs

    def verify(self) -> None:
        """Re-check every certificate independently; for "unsound", re-evaluate the false
        formula on its valuation with the certified facts: it must come out false."""
        for cert in self.certificates():
            cert.verify()
        f = self.falsehood
        if f is None:
            return
        facts = {fact.formula: fact.holds for fact in f.facts}
        if evaluate(f.formula, dict(f.valuation), facts.__getitem__):
            raise ProofError(f"{f.formula} is true on the valuation given as its refutation")
        if f.kind == "inconsistent" and (f.proof is None or not f.proof.valid):
            raise ProofError("an inconsistency without a proof of ⊥")

    def to_json(self) -> dict[str, Any]:
        return {
            "theory": self.theory,
            "given": dict(self.given),
            "free_atoms": list(self.free_atoms),
            "checked": list(self.checked),
            "exact": self.exact,
            "false": None if self.falsehood is None else self.falsehood.to_json(),
            "facts": [fact.to_json() for fact in self.facts],
        }


@dataclass(frozen=True, eq=False)
class SoundQueryResult(QueryResult):
    """A `sound` statement's answer in a report: a `QueryResult` carrying its `SoundResult`
    (JSON adds `"exact"` and `"sound"`: `SoundResult.to_json()`)."""

    sound: SoundResult | None = field(default=None, kw_only=True)

    def certificates(self) -> list[Certificate]:
        if self.sound is None:
            return super().certificates()
        return self.sound.certificates()

    def to_json(self) -> dict[str, Any]:
        out = super().to_json()
        if self.sound is not None:
            out["exact"] = self.sound.exact
            out["sound"] = self.sound.to_json()
        return out


def _valuation_text(valuation: Given) -> str:
    return ", ".join(f"{k} = {'true' if v else 'false'}" for k, v in valuation)


def explain(result: SoundResult, *, qualified: bool = True) -> str:
    """The sentence a report prints for a soundness answer; `qualified` adds, for a relative
    answer, what it is relative to (a report's verdict line says that already)."""
    t = result.theory
    f = result.falsehood
    if f is None:
        where = f"where {_valuation_text(result.given)}" if result.given else "on every valuation"
        text = (
            f"{t} is sound {where}: it is consistent and its axioms (with those of the "
            "theories it extends) are true there"
        )
        trusted = [c for c in result.checked if c != t]
        if trusted:
            text += f", and so is every theory it trusts ({', '.join(trusted)})"
        if result.free_atoms:
            text += f"; {', '.join(result.free_atoms)} ranged over both values"
    elif f.kind == "inconsistent":
        text = f"{t} is unsound: it proves ⊥, false on every valuation"
        if f.owner != t:
            text += f" ({', '.join(f.route)}, and {f.owner} is inconsistent)"
    elif f.kind == "reflection-cycle":
        text = (
            f"{t} is unsound: the reflection cycle {', '.join(f.route)} makes {f.owner} "
            "inconsistent (it proves the next theory's consistency, and through the cycle its "
            f"own: Gödel's second incompleteness theorem), and {t} proves ⊥ with it"
        )
    else:
        whose = "a premise of the file" if f.kind == "premise" else f"an axiom of {f.owner}"
        at = _valuation_text(f.valuation) or "every valuation"
        text = f"{t} is unsound where {at}: {f.formula} ({whose}) is false there"
        if f.route:
            text += f", and {t} proves it ({', '.join(f.route)})"
        if f.facts:
            text += " — " + "; ".join(fact.text() for fact in f.facts)
    if qualified and not result.exact:
        text += (
            " (relative: an answer read as unprovable or consistent rests on the reflection "
            "instances the checker was given; the full schema may prove more)"
        )
    return text
