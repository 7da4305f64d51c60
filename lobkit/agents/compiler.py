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

Claims become atoms `c0, c1, …`; `Compiled.claims` says what each one is about (a `ClaimKey`,
`lobkit.agents.claims`), and `lobkit.agents.games` substitutes the game's variables for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lobkit import formula as F
from lobkit.agents import language as L
from lobkit.agents.agent import numeral_box, numeral_diamond
from lobkit.agents.builtins import MAX_K
from lobkit.agents.claims import ClaimKey, claim_key, mentioned, word_type
from lobkit.agents.context import INTEGER, call_variables, check_enumeration, dedupe, reorder
from lobkit.agents.folding import simplify
from lobkit.errors import InputError
from lobkit.formula import Formula

__all__ = ["Compiled", "Config", "compile_def"]


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
            if not INTEGER.fullmatch(value):
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
        config = self.config
        key = claim_key(
            config.kind, self.state.name, claim, mtype, value, config.actions, config.outcomes
        )
        if key not in self.claims:
            self.claims[key] = f"c{len(self.claims)}"
        return F.atom(self.claims[key])

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
            target = word_type(self.config.kind, f.word, f.location)
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


def compile_def(definition: L.Def, call: L.Call, config: Config) -> Compiled:
    """`definition` called as `call` under `config` (Def.hs `compile`)."""
    try:
        return _compile(definition, call, config)
    except RecursionError:  # statements and blocks are compiled recursively
        raise InputError(
            f"{definition.name}: statements or blocks nested too deeply to compile",
            definition.location,
        ) from None


def _compile(definition: L.Def, call: L.Call, config: Config) -> Compiled:
    name = definition.name
    where = call.location or definition.location
    used_actions, used_outcomes = mentioned(definition.kind, definition.code)
    check_enumeration(name, used_actions, config.actions, "action", where)
    check_enumeration(name, used_outcomes, config.outcomes, "outcome", where)
    actions = dedupe(reorder(name, config.actions, call.actions, "action", where))
    outcomes = dedupe(reorder(name, config.outcomes, call.outcomes, "outcome", where))
    if not actions:
        raise InputError(f"error while compiling {name}: action enumeration missing", where)
    if not outcomes:
        raise InputError(f"error while compiling {name}: outcome enumeration missing", where)
    config = Config(config.kind, actions, outcomes, config.check_modalized)
    state = _State(
        name, call_variables(definition, call, actions, outcomes, where), actions, outcomes
    )
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
    return Compiled(str(call), tuple(formulas), claims)
