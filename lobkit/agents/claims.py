"""What a definition of MIRI's language may claim, and which values its code mentions
(machine-intelligence/provability src/Modal/Combat.hs `handleModalClaim`,
`handleTheoryClaim`, `handleProblemClaim`, the `…ClaimValues`; Code.hs `actionsMentioned`,
`outcomesMentioned`, `claimsMade`; Def.hs `codeAOs`).

A claim `Name(vs)=value` becomes a `ClaimKey` saying whose move it is about, by definition
kind: agents ("me", a) / ("them", call or None, o); theories ("A", a) / ("U", u); problems
("U", u) / ("A", n, a). The checks and their messages are MIRI's.
"""

from __future__ import annotations

from collections.abc import Sequence

from lobkit.agents import language as L
from lobkit.errors import InputError

__all__ = ["ClaimKey", "claim_key", "mentioned", "word_type"]

ClaimKey = tuple[object, ...]
"""What a claim atom stands for (see the module doc)."""

# Def.hs DefConfig: the words a definition uses for what it returns and what it reads.
_WORDS = {
    "agent": {"action": L.ACTION, "response": L.OUTCOME},
    "theory": {"action": L.ACTION, "outcome": L.OUTCOME},
    "problem": {"outcome": L.ACTION, "action": L.OUTCOME},
}


def _claim_type(kind: str, claim: L.Claim) -> str | None:
    """Combat.hs modal/theory/problemClaimValues: the list a claim's literals belong to."""
    if kind == "agent":
        return {"Me": L.ACTION, "Them": L.OUTCOME}.get(claim.name)
    if kind == "theory":
        return {"A": L.ACTION, "U": L.OUTCOME}.get(claim.name)
    return L.ACTION if claim.name == "U" else L.OUTCOME


def _statement_claims(statement: L.Statement) -> list[L.Claim]:
    out: list[L.Claim] = []
    stack = [statement]
    while stack:
        s = stack.pop()
        if isinstance(s, L.ClaimTest):
            out.append(s.claim)
        elif isinstance(s, L.Not):
            stack.append(s.body)
        elif isinstance(s, L.Binary):
            stack.extend((s.right, s.left))
        elif isinstance(s, (L.Provable, L.Possible)):
            stack.append(s.body)
    return out


def word_type(kind: str, word: str, location: str) -> str:
    words = _WORDS[kind]
    if word not in words:
        allowed = " or ".join(f"'{w}'" for w in words)
        raise InputError(f"a {kind} loops over {allowed}, not '{word}'", location)
    return words[word]


def mentioned(kind: str, code: L.Code | L.ActionMap) -> tuple[list[str], list[str]]:
    """Def.hs codeAOs: the literal actions and outcomes `code` mentions, in order."""
    if isinstance(code, L.ActionMap):
        actions = sorted(v for v, _ in code.entries)  # Map.keys: sorted
        claims = [c for _, s in code.entries for c in _statement_claims(s)]
        outcomes: list[str] = []
    else:
        actions, outcomes, claims = [], [], []

        def walk(fragments: Sequence[L.Fragment], into_claims: bool) -> None:
            for f in fragments:
                if isinstance(f, L.For):
                    literal = [v for v in f.range.items if isinstance(v, str)]
                    if word_type(kind, f.word, f.location) == L.ACTION:
                        actions.extend(literal)
                    else:
                        outcomes.extend(literal)
                    walk(f.body, into_claims)
                elif isinstance(f, L.ForNumber):
                    walk(f.body, into_claims)
                elif isinstance(f, L.If):
                    walk(f.then, into_claims)
                    walk(f.otherwise or (), into_claims)
                elif isinstance(f, L.Return) and isinstance(f.value, str):
                    actions.append(f.value)

        walk(code.fragments, False)

        def walk_claims(fragments: Sequence[L.Fragment]) -> None:
            for f in fragments:
                if isinstance(f, (L.For, L.ForNumber)):
                    walk_claims(f.body)
                elif isinstance(f, L.If):
                    claims.extend(_statement_claims(f.condition))
                    walk_claims(f.then)
                    walk_claims(f.otherwise or ())

        walk_claims(code.fragments)
    for claim in claims:
        target = _claim_type(kind, claim)
        literals = [v for v in claim.values if isinstance(v, str)]
        if target == L.ACTION:
            actions.extend(literals)
        elif target == L.OUTCOME:
            outcomes.extend(literals)
    return actions, outcomes


def claim_key(
    kind: str,
    owner: str,
    claim: L.Claim,
    mtype: str | None,
    value: str,
    actions: tuple[str, ...],
    outcomes: tuple[str, ...],
) -> ClaimKey:
    """Combat.hs handleModalClaim / handleTheoryClaim / handleProblemClaim."""
    name, versus = claim.name, claim.versus
    shown = f"{name}({versus or ''}){'=' if claim.relation in ('=', '∈') else '≠'}{value}"

    def invalid(reason: str) -> InputError:
        return InputError(f"{owner}: invalid claim {shown} ({reason})", claim.location)

    def member(table: tuple[str, ...], what: str) -> str:
        if value not in table:
            raise InputError(
                f"{owner}: invalid {what} {value}: expected one of [{', '.join(table)}]",
                claim.location,
            )
        return value

    if kind == "agent":
        if name not in ("Me", "Them"):
            raise invalid("claim must be about 'Me' or 'Them'")
        if name == "Me" and mtype == L.OUTCOME:
            raise invalid("'Me' returns actions, not responses")
        if name == "Me" and versus is not None and versus != L.Call("Them"):
            raise invalid("cannot reason about what 'Me' would do against another")
        if name == "Them" and mtype == L.ACTION:
            raise invalid("'Them' returns responses, not actions")
        if name == "Me":
            return ("me", member(actions, "action"))
        opponent = None if versus in (None, L.Call("Me")) else versus
        return ("them", opponent, member(outcomes, "outcome"))
    if kind == "theory":
        if name not in ("A", "U"):
            raise invalid("invalid player (use A or U)")
        if name == "A" and versus is not None:
            raise invalid("cannot reason about self in other universes")
        if name == "U" and versus is not None:
            raise invalid("cannot reason about universe vs other agents")
        if name == "A" and mtype == L.OUTCOME:
            raise invalid("'A' returns actions, not outcomes")
        if name == "U" and mtype == L.ACTION:
            raise invalid("'U' returns outcomes, not actions")
        if name == "A":
            return ("A", member(actions, "action"))
        return ("U", member(outcomes, "outcome"))
    # problems: U() is the universe (its "actions" are outcomes), A(), A1(), A2() players
    if name == "U":
        player = 0
    elif name == "A":
        player = 1
    elif name.startswith("A") and name[1:].isdigit():
        player = int(name[1:])
    else:
        raise invalid("not a valid agent (use A1, A2, ...)")
    if name != "U" and player < 1:
        raise invalid("player numbers must be at least 1")
    if versus is not None:
        raise invalid(
            "cannot reason about self vs other agents"
            if name == "U"
            else "universe cannot reason about agents vs other universes"
        )
    if name == "U" and mtype == L.OUTCOME:
        raise invalid("'U' returns outcomes, not actions")
    if name != "U" and mtype == L.ACTION:
        raise invalid("players returns actions, not outcomes")
    if player == 0:
        return ("U", member(actions, "action"))
    return ("A", player, member(outcomes, "outcome"))
