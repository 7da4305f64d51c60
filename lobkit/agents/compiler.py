"""Compile a definition of MIRI's language, called with arguments, into one modal formula per
value it can return: "the program returns a" (machine-intelligence/provability, src/Modal/
Def.hs `compile`, Code.hs `compileCode`, Statement.hs `compileStatement`).

The semantics is MIRI's, step for step, so results agree with its program:

* the action list is the caller's (a call's `[…]` may reorder it), else the literals the code
  mentions, else the problem's; a bare `return` and falling off the end return its *first*
  action (Code.hs `defaultAction`);
* code is compiled with continuations: `if φ` becomes (φ ∧ then) ∨ (¬φ ∧ rest); `let`, loop
  variables and parameters live in one compile-time state threaded through the code in
  textual order (Code.hs's State monad), not per path;
* `[n]⌜φ⌝` is □(¬□ⁿ⊥ → φ) (PA + Conⁿ proves φ; `[0]` is □), `<n>⌜φ⌝` is ¬[n]¬φ;
* an agent's or theory's formulas must be modalized (Combat.hs `finalizeFormula`), and every
  formula is then simplified as Formulas.hs `simplify` does (constants folded, ¬¬ removed).

One deliberate difference: MIRI compiles `Con(n)` to `incon n` = □ⁿ⊥, the *in*consistency of
PA + Conⁿ⁻¹; here `Con(n)` is its negation ¬□ⁿ⊥, what the word says (tested by hand).

Claims become atoms `c0, c1, …`; `Compiled.claims` says what each one is about (a `ClaimKey`),
and `lobkit.agents.games` substitutes the game's variables for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lobkit import formula as F
from lobkit.agents import language as L
from lobkit.agents.builtins import MAX_K
from lobkit.errors import InputError
from lobkit.formula import AND, BOX, DIA, IFF, IMP, NOT, OR, Formula

__all__ = [
    "ClaimKey",
    "Compiled",
    "Config",
    "compile_def",
    "mentioned",
    "simplify",
    "numeral_box",
    "numeral_diamond",
]

ClaimKey = tuple[object, ...]
"""What a claim atom stands for, by definition kind: agents ("me", a) / ("them", call, o)
(call None: against me); theories ("A", a) / ("U", u); problems ("U", u) / ("A", n, a)."""

# Def.hs DefConfig: the words a definition uses for what it returns and what it reads.
_WORDS = {
    "agent": {"action": L.ACTION, "response": L.OUTCOME},
    "theory": {"action": L.ACTION, "outcome": L.OUTCOME},
    "problem": {"outcome": L.ACTION, "action": L.OUTCOME},
}
_PLURAL = {"actions": "action", "outcomes": "outcome", "responses": "response"}
_INTEGER = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class Config:
    """Combat.hs CompileConfig: the actions and outcomes available to a definition."""

    kind: str  # "agent", "theory", "problem"
    actions: tuple[str, ...]
    outcomes: tuple[str, ...]
    check_modalized: bool = True


@dataclass(frozen=True)
class Compiled:
    """A called definition: each action's formula over claim atoms, in the action list's order."""

    name: str
    formulas: tuple[tuple[str, Formula], ...]
    claims: dict[str, ClaimKey] = field(compare=False)

    @property
    def subagents(self) -> tuple[L.Call, ...]:
        """Agents this one runs its opponent against (`Them(X)=…`), in first-mention order."""
        seen: dict[L.Call, None] = {}
        for key in self.claims.values():
            if key[0] == "them" and key[1] is not None:
                assert isinstance(key[1], L.Call)
                seen.setdefault(key[1], None)
        return tuple(seen)


def numeral_box(formula: Formula, k: int) -> Formula:
    """Formulas.hs `boxk`: □φ for k = 0, else □(¬□ᵏ⊥ → φ) (PA + Conᵏ(PA) proves φ)."""
    if k == 0:
        return F.box(formula)
    return F.box(F.implies(F.neg(F.box(F.bot, k)), formula))


def numeral_diamond(formula: Formula, k: int) -> Formula:
    """Formulas.hs `diak`: ¬[k]¬φ, written out (for k = 0: ¬□¬φ)."""
    return F.neg(numeral_box(F.neg(formula), k))


# ----- Formulas.hs simplify ---------------------------------------------------------------


def _output(formula: Formula, behaviour: Callable[[bool], bool]) -> Formula:
    """Formulas.hs mapFormulaOutput: a Boolean function of `formula` as a formula."""
    low, high = behaviour(False), behaviour(True)
    if low and high:
        return F.top
    if not low and not high:
        return F.bot
    return formula if high else F.neg(formula)


_BEHAVIOUR: dict[str, Callable[[bool, bool], bool]] = {
    AND: lambda a, b: a and b,
    OR: lambda a, b: a or b,
    IMP: lambda a, b: (not a) or b,
    IFF: lambda a, b: a == b,
}


def _constant(node: Formula) -> bool | None:
    return True if node is F.top else False if node is F.bot else None


def simplify(root: Formula) -> Formula:
    """Formulas.hs `simplify`, bottom up: constants folded, ¬¬φ to φ, □⊤ to ⊤, ◇⊥ to ⊥."""

    def connective(node: Formula, args: tuple[Formula, ...]) -> Formula:
        behaviour = _BEHAVIOUR[node.op]
        a, b = args
        ca, cb = _constant(a), _constant(b)
        if ca is not None and cb is not None:
            return F.top if behaviour(ca, cb) else F.bot
        if ca is not None:
            return _output(b, lambda x: behaviour(ca, x))
        if cb is not None:
            return _output(a, lambda x: behaviour(x, cb))
        return F.rebuild(node, args)

    def negation(node: Formula, args: tuple[Formula, ...]) -> Formula:
        (a,) = args
        if a is F.top or a is F.bot:
            return F.bot if a is F.top else F.top
        return a.args[0] if a.op == NOT else F.neg(a)

    def box(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return F.top if args[0] is F.top else F.rebuild(node, args)

    def diamond(node: Formula, args: tuple[Formula, ...]) -> Formula:
        return F.bot if args[0] is F.bot else F.rebuild(node, args)

    cases = {AND: connective, OR: connective, IMP: connective, IFF: connective}
    cases.update({NOT: negation, BOX: box, DIA: diamond})
    return F.fold(root, cases, default=F.rebuild, name="simplify")


# ----- what the code mentions (Code.hs actionsMentioned / outcomesMentioned / claimsMade) ---


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


def _word_type(kind: str, word: str, location: str) -> str:
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
                    if _word_type(kind, f.word, f.location) == L.ACTION:
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


# ----- compilation ----------------------------------------------------------------------


@dataclass
class _State:
    """Code.hs CompileContext: the variables (number, action or outcome) and the lists."""

    name: str
    variables: dict[str, tuple[str, object]]
    actions: tuple[str, ...]
    outcomes: tuple[str, ...]


Program = dict[str, Formula]  # action -> "the rest of the code returns it"
Partial = Callable[[Program], Program]


class _Compiler:
    def __init__(self, config: Config, state: _State) -> None:
        self.config = config
        self.state = state
        self.claims: dict[ClaimKey, str] = {}

    # values
    def lookup(self, ref: L.RefValue, location: str) -> tuple[str | None, object]:
        if isinstance(ref, str):
            return None, ref
        if ref.name not in self.state.variables:
            raise InputError(f"{self.state.name}: unknown variable &{ref.name}", location)
        return self.state.variables[ref.name]

    def number(self, ref: L.RefValue, location: str) -> int:
        kind, value = self.lookup(ref, location)
        if kind is None:
            assert isinstance(value, str)
            if not _INTEGER.fullmatch(value):
                raise InputError(f"{self.state.name}: expected a number, got {value}", location)
            return int(value)
        if kind != "number":
            raise InputError(f"{self.state.name}: {kind} variable {ref} used as a number", location)
        assert isinstance(value, int)
        return value

    def claim_value(self, ref: L.RefValue, location: str) -> tuple[str | None, str]:
        kind, value = self.lookup(ref, location)
        if kind == "number":
            raise InputError(
                f"{self.state.name}: number variable {ref} used in an action claim", location
            )
        assert isinstance(value, str)
        return kind, value

    def action(self, ref: L.RefValue, location: str) -> str:
        kind, value = self.claim_value(ref, location)
        if kind == L.OUTCOME:
            raise InputError(
                f"{self.state.name}: outcome variable {ref} used as an action", location
            )
        return value

    def outcome(self, ref: L.RefValue, location: str) -> str:
        kind, value = self.claim_value(ref, location)
        if kind == L.ACTION:
            raise InputError(
                f"{self.state.name}: action variable {ref} used as an outcome", location
            )
        return value

    # statements
    def statement(self, s: L.Statement) -> Formula:
        if isinstance(s, L.Truth):
            return F.top if s.value else F.bot
        if isinstance(s, L.ClaimTest):
            return self.claim(s.claim)
        if isinstance(s, L.Not):
            return F.neg(self.statement(s.body))
        if isinstance(s, L.Binary):
            build = {"and": F.conj, "or": F.disj, "implies": F.implies, "iff": F.iff}[s.op]
            return build(self.statement(s.left), self.statement(s.right))
        if isinstance(s, L.Consistency):
            return F.neg(F.box(F.bot, self.level(s.level, s.location)))
        assert isinstance(s, (L.Provable, L.Possible))
        k = self.level(s.level, s.location)
        body = self.statement(s.body)
        return numeral_box(body, k) if isinstance(s, L.Provable) else numeral_diamond(body, k)

    def level(self, ref: L.RefValue, location: str) -> int:
        k = self.number(ref, location)
        if not 0 <= k <= MAX_K:
            raise InputError(
                f"{self.state.name}: a proof level must be between 0 and {MAX_K}, not {k}",
                location,
            )
        return k

    def claim(self, claim: L.Claim) -> Formula:
        # CompilerBase.hs compileClaim: = v, ≠ v, ∈ {…} (a right-nested ∨), ∉ {…}.
        atoms = [self.claim_atom(claim, v) for v in claim.values]
        if claim.relation in ("=", "≠"):
            body = atoms[0]
        elif not atoms:
            body = F.bot
        else:
            body = atoms[-1]
            for a in reversed(atoms[:-1]):
                body = F.disj(a, body)
        return F.neg(body) if claim.relation in ("≠", "∉") else body

    def claim_atom(self, claim: L.Claim, ref: L.RefValue) -> Formula:
        mtype, value = self.claim_value(ref, claim.location)
        key = self.claim_key(claim, mtype, value)
        if key not in self.claims:
            self.claims[key] = f"c{len(self.claims)}"
        return F.atom(self.claims[key])

    def claim_key(self, claim: L.Claim, mtype: str | None, value: str) -> ClaimKey:
        """Combat.hs handleModalClaim / handleTheoryClaim / handleProblemClaim."""
        name, versus, kind = claim.name, claim.versus, self.config.kind
        shown = f"{name}({versus or ''}){'=' if claim.relation in ('=', '∈') else '≠'}{value}"

        def invalid(reason: str) -> InputError:
            return InputError(
                f"{self.state.name}: invalid claim {shown} ({reason})", claim.location
            )

        def member(table: tuple[str, ...], what: str) -> str:
            if value not in table:
                raise InputError(
                    f"{self.state.name}: invalid {what} {value}: expected one of "
                    f"[{', '.join(table)}]",
                    claim.location,
                )
            return value

        actions, outcomes = self.config.actions, self.config.outcomes
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

    # code
    def fragments(self, fragments: Sequence[L.Fragment]) -> Partial:
        parts = [self.fragment(f) for f in fragments]

        def run(k: Program) -> Program:
            for part in reversed(parts):
                k = part(k)
            return k

        return run

    def fragment(self, f: L.Fragment) -> Partial:
        if isinstance(f, L.Pass):
            return _identity
        if isinstance(f, L.Let):
            value = self.expression(f.expression)
            self.state.variables[f.name] = ("number", value)
            return _identity
        if isinstance(f, L.Return):
            if f.value is None:
                chosen = self.default_action(f.location)
            else:
                chosen = self.action(f.value, f.location)
            fixed = {a: (F.top if a == chosen else F.bot) for a in self.state.actions}
            return lambda k: fixed
        if isinstance(f, L.If):
            condition = self.statement(f.condition)
            then = self.fragments(f.then)
            otherwise = self.fragments(f.otherwise or ())
            not_condition = F.neg(condition)

            def branch(k: Program) -> Program:
                yes, no = then(k), otherwise(k)
                return {
                    a: F.disj(F.conj(condition, yes[a]), F.conj(not_condition, no[a]))
                    for a in self.state.actions
                }

            return branch
        if isinstance(f, L.For):
            target = _word_type(self.config.kind, f.word, f.location)
            whole = self.state.actions if target == L.ACTION else self.state.outcomes
            get = self.action if target == L.ACTION else self.outcome
            values = self.range(f.range, list(whole), get)
            return self.loop(f.name, target, values, f.body)
        assert isinstance(f, L.ForNumber)
        numbers = self.number_range(f.range)
        return self.loop(f.name, "number", numbers, f.body)

    def loop(
        self, name: str, kind: str, values: Sequence[object], body: Sequence[L.Fragment]
    ) -> Partial:
        parts: list[Partial] = []
        for value in values:  # Code.hs loop: the body compiled once per value, in order
            self.state.variables[name] = (kind, value)
            parts.append(self.fragments(body))

        def run(k: Program) -> Program:
            for part in reversed(parts):
                k = part(k)
            return k

        return run

    def range(
        self, r: L.Range, whole: list[str], get: Callable[[L.RefValue, str], str]
    ) -> list[str]:
        if r.kind == "total":
            return whole
        if r.kind == "list":
            return [get(v, r.location) for v in r.items if v is not None]
        start, stop, step = r.items
        assert start is not None
        first = get(start, r.location)
        values = whole[whole.index(first) :] if first in whole else []
        if stop is not None:
            last = get(stop, r.location)
            values = values[: values.index(last)] if last in values else values
        if step is not None:
            values = values[:: self.step(step, r.location)]
        return values

    def step(self, ref: L.RefValue, location: str) -> int:
        n = self.number(ref, location)
        return max(n, 1)  # Utilities.hs every: a step of 0 takes every element

    def number_range(self, r: L.Range) -> list[int]:
        if r.kind == "list":
            return [self.number(v, r.location) for v in r.items if v is not None]
        start, stop, step = r.items
        assert start is not None and stop is not None
        first, last = self.number(start, r.location), self.number(stop, r.location)
        if last < first:
            raise InputError(
                f"{self.state.name}: the range [{first}..{last}] never ends (stop below start)",
                r.location,
            )
        if last - first > 10_000:
            raise InputError(f"{self.state.name}: a number range of at most 10,000", r.location)
        values = list(range(first, last))  # Code.hs: the stop itself is excluded
        if step is not None:
            values = values[:: self.step(step, r.location)]
        return values

    def expression(self, e: L.Expression) -> int:
        values = [
            self.expression(x) if isinstance(x, L.Expression) else self.number(x, e.location)
            for x in e.operands
        ]
        if not e.op:
            return values[0]
        a, b = values
        if e.op == "+":
            result = a + b
        elif e.op == "-":
            result = a - b
        elif e.op == "*":
            result = a * b
        else:
            if b < 0:
                raise InputError(f"{self.state.name}: a negative exponent", e.location)
            if b > 64:
                raise InputError(f"{self.state.name}: an exponent of at most 64", e.location)
            result = a**b
        return result

    def default_action(self, location: str) -> str:
        if not self.state.actions:
            raise InputError(f"{self.state.name}: action enumeration missing", location)
        return self.state.actions[0]


def _identity(k: Program) -> Program:
    return k


def _enum_check(
    name: str, used: list[str], available: tuple[str, ...], what: str, where: str
) -> None:
    missing = sorted(set(used) - set(available))
    if missing:
        raise InputError(
            f"error while compiling {name}: {what} enumeration {{{', '.join(available)}}} "
            f"excludes {{{', '.join(missing)}}}, used in the code",
            where,
        )


def _reorder(
    name: str, available: tuple[str, ...], given: tuple[str, ...], what: str, where: str
) -> tuple[str, ...]:
    """Def.hs matchEnumsR: a call may reorder a list (same elements), or leave it."""
    if not given:
        return available
    if not available:
        return given
    if set(available) != set(given):
        raise InputError(
            f"error while compiling {name}: {what} enumeration mismatch: "
            f"[{', '.join(available)}] / [{', '.join(given)}]",
            where,
        )
    return given


def compile_def(definition: L.Def, call: L.Call, config: Config) -> Compiled:
    """`definition` called as `call` under `config` (Def.hs `compile`)."""
    name = definition.name
    where = call.location or definition.location
    used_actions, used_outcomes = mentioned(definition.kind, definition.code)
    _enum_check(name, used_actions, config.actions, "action", where)
    _enum_check(name, used_outcomes, config.outcomes, "outcome", where)
    actions = _dedupe(_reorder(name, config.actions, call.actions, "action", where))
    outcomes = _dedupe(_reorder(name, config.outcomes, call.outcomes, "outcome", where))
    if not actions:
        raise InputError(f"error while compiling {name}: action enumeration missing", where)
    if not outcomes:
        raise InputError(f"error while compiling {name}: outcome enumeration missing", where)
    config = Config(config.kind, actions, outcomes, config.check_modalized)
    state = _State(name, _arguments(definition, call, actions, outcomes, where), actions, outcomes)
    compiler = _Compiler(config, state)
    if isinstance(definition.code, L.ActionMap):
        table = {v: compiler.statement(s) for v, s in definition.code.entries}
        missing = [a for a in actions if a not in table]
        if missing:
            raise InputError(f"{name}: no line for {missing[0]} in the map", definition.location)
        program = {a: table[a] for a in actions}
    else:
        run = compiler.fragments(definition.code.fragments)
        fallback = state.actions[0]
        program = run({a: (F.top if a == fallback else F.bot) for a in actions})
    formulas = []
    for a in actions:
        formula = program[a]
        if config.check_modalized and not F.is_modalized_in(formula):
            raise InputError(
                f"error while compiling {name}: unmodalized statement for {a} "
                "(every claim about a player must lie under a box)",
                definition.location,
            )
        formulas.append((a, simplify(formula)))
    claims = {atom: key for key, atom in compiler.claims.items()}
    return Compiled(str(call) if call.name == name else name, tuple(formulas), claims)


def _dedupe(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _arguments(
    definition: L.Def,
    call: L.Call,
    actions: tuple[str, ...],
    outcomes: tuple[str, ...],
    where: str,
) -> dict[str, tuple[str, object]]:
    """Def.hs initialVariables: positional arguments, then keyword ones, then defaults."""
    name, params = definition.name, definition.params
    if len(call.args) > len(params):
        raise InputError(
            f"error while compiling {name}: too many arguments: expected {len(params)}, "
            f"got {len(call.args)}",
            where,
        )
    known = {p.name for p in params}
    unknown = sorted(k for k, _ in call.kwargs if k not in known)
    if unknown:
        raise InputError(
            f"error while compiling {name}: unknown keyword arguments: {{{', '.join(unknown)}}}",
            where,
        )
    kwargs = dict(call.kwargs)
    variables: dict[str, tuple[str, object]] = {}
    for i, param in enumerate(params):
        value = kwargs.get(param.name, call.args[i] if i < len(call.args) else param.default)
        if value is None:
            raise InputError(
                f"error while compiling {name}: {param.kind} argument {param.name} not given",
                where,
            )
        if param.kind == "number":
            if not _INTEGER.fullmatch(value):
                raise InputError(
                    f"error while compiling {name}: argument type mismatch for {param.name}: "
                    f"expected a number, got {value}",
                    where,
                )
            variables[param.name] = ("number", int(value))
            continue
        target = _word_type(definition.kind, param.kind, param.location)
        table = actions if target == L.ACTION else outcomes
        if value not in table:
            raise InputError(
                f"error while compiling {name}: argument type mismatch for {param.name}: "
                f"expected one of {{{', '.join(table)}}}, got {value}",
                where,
            )
        variables[param.name] = (target, value)
    return variables
