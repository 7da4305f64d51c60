"""Parsed files → `Spec`: follow includes, expand families, check every name.

`collect` reads a file's includes (through `lobkit.inputs`, the one file-reading layer) and
returns the statements of all files in reading order: each included file's statements stand
where its `include` stood, and each file is read once. `resolve` turns those statements into
a `Spec`: it expands each family into its members (`lobkit.tiling.families`), rejects
duplicate definitions, unknown names (with a "did you mean"), `extends` cycles, incomplete
agents and verdicts a statement cannot have. Every error is a `LocatedError` at the part of
the declaration it is about, naming the family member when it is inside a family.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from collections.abc import Collection
from pathlib import Path

from lobkit.errors import InputError
from lobkit.formula import Formula
from lobkit.inputs import check_name, read_source
from lobkit.kernel.logic import FRAMES as KERNEL_FRAMES
from lobkit.kernel.logic import canonical_logic
from lobkit.tiling import parsed as P
from lobkit.tiling.families import MAX_MEMBERS, Member, holds, instantiate, members, name_of
from lobkit.tiling.parse import parse_file
from lobkit.tiling.spec import (
    VERDICTS,
    AgentDef,
    ChainQuery,
    ConsistentQuery,
    DepthQuery,
    Location,
    ProveQuery,
    Query,
    SoundQuery,
    Spec,
    TheoryDef,
)

__all__ = ["FRAMES", "collect", "resolve"]

FRAMES = KERNEL_FRAMES  # every logic the prover decides (the cube's: single box, no premises)
#: The logics with a box per theory and global premises (`Logic`'s semantics); the others
#: decide a file's plain `prove φ` queries only.
THEORY_FRAMES = ("GL", "K4", "K")
_FILE = Member("<file>")  # statements outside families: indexes must be constant

Unit = tuple[P.ParsedFile, P.Statement]


# --- includes --------------------------------------------------------------------------------


def collect(parsed: P.ParsedFile, path: Path, root_folder: Path, includes: bool) -> list[Unit]:
    """The statements of `parsed` (really at `path`) and of the files it includes, in order.

    Includes resolve against the including file's folder and must stay inside `root_folder`
    (the main file's); with `includes=False` (text from strangers) any include is refused.
    """
    root = root_folder.resolve()
    out: list[Unit] = []
    done: set[Path] = set()

    def add(file: P.ParsedFile, real: Path, stack: tuple[Path, ...]) -> None:
        done.add(real)
        for statement in file.statements:
            if not isinstance(statement, P.IncludeDecl):
                out.append((file, statement))
                continue
            relative, where = statement.path, statement.location
            if not includes:
                raise P.LocatedError(f"include {relative!r} is refused here: give one file", where)
            check_name(relative, where=str(where))
            target = Path(os.path.realpath(real.parent / relative))
            if Path(relative).is_absolute() or not target.is_relative_to(root):
                raise P.LocatedError(
                    f"include {relative!r} leaves the folder of the theory file; "
                    "includes must stay inside it",
                    where,
                )
            if target in stack or target == real:
                raise P.LocatedError(f"include cycle: {relative!r} is already being read", where)
            if target in done:
                continue  # already read: include each file once
            shown = str(Path(file.source).parent / relative)
            text = read_source(target, shown=shown, where=str(where)).text
            add(parse_file(text, shown), target, (*stack, real))

    add(parsed, path, ())
    return out


# --- names -----------------------------------------------------------------------------------


def _hint(name: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Resolver:
    """The names a file defines, and the checks that need them."""

    def __init__(self, units: list[Unit]) -> None:
        self.frame: str | None = None
        self.frame_location: Location | None = None
        self.defined: dict[str, tuple[str, Location]] = {}
        self.theory_decls: list[tuple[P.TheoryDecl, Member]] = []
        self.agent_decls: list[tuple[P.AgentDecl, Member]] = []
        self.queries: list[P.QueryDecl] = []
        self.premises: list[P.PremiseDecl] = []
        budget = [MAX_MEMBERS]
        for _, statement in units:
            if isinstance(statement, P.LogicDecl):
                self.logic(statement)
            elif isinstance(statement, P.TheoryDecl | P.AgentDecl):
                kind = "a theory" if isinstance(statement, P.TheoryDecl) else "an agent"
                for member in members(statement.name, statement.family, budget):
                    self.define(member, kind, statement.location)
                    if isinstance(statement, P.TheoryDecl):
                        self.theory_decls.append((statement, member))
                    else:
                        self.agent_decls.append((statement, member))
            elif isinstance(statement, P.PremiseDecl):
                self.premises.append(statement)
            else:
                assert not isinstance(statement, P.IncludeDecl)  # `collect` followed them
                self.queries.append(statement)
        self.theory_names = {m.name for _, m in self.theory_decls}
        self.agent_names = {m.name for _, m in self.agent_decls}
        self.single_box_check()

    def single_box_check(self) -> None:
        """A theory or premise in a logic without boxes per theory, located at the first one."""
        if self.frame is None or self.frame in THEORY_FRAMES:
            return
        uses = [(d.location, f"theory {d.name}") for d, _ in self.theory_decls]
        uses += [(p.location, "premise") for p in self.premises]
        if uses:
            where, what = uses[0]
            raise P.LocatedError(
                f"{what}: theories and premises need a logic with a box per theory "
                f"({', '.join(THEORY_FRAMES)}); logic {self.frame} (at {self.frame_location}) "
                "has one box, so its file asks plain 'prove φ' queries only",
                where,
            )

    def logic(self, statement: P.LogicDecl) -> None:
        try:
            statement = dataclasses.replace(statement, frame=canonical_logic(statement.frame))
        except InputError:
            raise P.LocatedError(
                f"unknown logic {statement.frame!r}; choose from {', '.join(FRAMES)}",
                statement.frame_location,
            ) from None
        if self.frame is not None and self.frame != statement.frame:
            raise P.LocatedError(
                f"logic {statement.frame} contradicts the earlier 'logic {self.frame}'",
                statement.location,
            )
        self.frame = statement.frame
        self.frame_location = statement.frame_location

    def define(self, member: Member, kind: str, where: Location) -> None:
        if member.name in self.defined:
            other, there = self.defined[member.name]
            raise P.LocatedError(
                f"{member.name} is already defined as {other} at {there}{member.context()}",
                where,
            )
        self.defined[member.name] = (kind, where)

    def need(self, ref: P.Ref, member: Member, kind: str) -> str:
        """The name `ref` stands for in `member`, which must be a `kind` of the file."""
        name = name_of(ref, member)
        table = self.theory_names if kind == "theory" else self.agent_names
        if name not in table:
            other = "an agent" if kind == "theory" else "a theory"
            extra = f"; {name} is {other}" if name in self.defined else _hint(name, table)
            raise P.LocatedError(f"unknown {kind} {name!r}{extra}{member.context()}", ref.location)
        return name

    def formula(self, template: P.Template, member: Member, what: str) -> Formula:
        """The formula `template` stands for in `member`; every theory it boxes must exist."""
        formula, names = instantiate(template, member)
        for use, name in names.items():
            if use.kind == "theory" and name not in self.theory_names:
                raise P.LocatedError(
                    f"unknown theory {name!r} in {what}"
                    f"{_hint(name, self.theory_names)}{member.context()}",
                    use.ref.location,
                )
        return formula

    # --- theories ----------------------------------------------------------------------------

    def theories(self) -> dict[str, TheoryDef]:
        out: dict[str, TheoryDef] = {}
        edges: dict[str, list[tuple[str, Location, Member]]] = {}
        for decl, member in self.theory_decls:
            name = member.name
            extends: list[str] = []
            axioms: list[Formula] = []
            reflects: list[str] = []
            edges[name] = []
            for item in decl.items:
                if not holds(item.guard, member):
                    continue
                if isinstance(item, P.Axiom):
                    axioms.append(self.formula(item.formula, member, "an axiom"))
                    continue
                target = self.need(item.theory, member, "theory")
                if isinstance(item, P.Reflect):
                    reflects.append(target)
                    continue
                if target == name:
                    raise P.LocatedError(
                        f"theory {name} extends itself{member.context()}", item.theory.location
                    )
                extends.append(target)
                edges[name].append((target, item.theory.location, member))
            out[name] = TheoryDef(
                name, tuple(extends), tuple(axioms), tuple(reflects), decl.location
            )
        _check_cycles(edges)
        return out

    # --- agents ------------------------------------------------------------------------------

    def agent(self, decl: P.AgentDecl, member: Member) -> AgentDef:
        name = member.name
        seen: dict[type, Location] = {}
        theory: str | None = None
        goal: Formula | None = None
        actions: list[str] = []
        words = {P.AgentTheory: "theory", P.AgentGoal: "goal", P.AgentActions: "actions"}
        for item in decl.items:
            if type(item) in seen:
                raise P.LocatedError(
                    f"agent {name} has a second '{words[type(item)]}' (the first is at "
                    f"{seen[type(item)]}){member.context()}",
                    item.location,
                )
            seen[type(item)] = item.location
            if isinstance(item, P.AgentTheory):
                theory = self.need(item.theory, member, "theory")
            elif isinstance(item, P.AgentGoal):
                goal = self.formula(item.formula, member, "a goal")
            else:
                for ref in item.actions:
                    action = name_of(ref, member)
                    if action in actions:
                        raise P.LocatedError(
                            f"action {action} is listed twice{member.context()}", ref.location
                        )
                    actions.append(action)
        for word, value in (("theory", theory), ("goal", goal), ("actions", actions or None)):
            if value is None:
                raise P.LocatedError(
                    f"agent {name} needs '{word} …' in its braces{member.context()}",
                    decl.location,
                )
        assert theory is not None and goal is not None
        return AgentDef(name, theory, goal, tuple(actions), decl.location)

    # --- queries -----------------------------------------------------------------------------

    def query(self, decl: P.QueryDecl) -> Query:
        expect = _expectation(decl)
        if isinstance(decl, P.ProveDecl):
            theory = self.need(decl.theory, _FILE, "theory") if decl.theory else None
            formula = self.formula(decl.formula, _FILE, "the formula")
            return ProveQuery(theory, formula, expect, decl.location)
        if isinstance(decl, P.ChainDecl):
            agents = tuple(self.need(ref, _FILE, "agent") for ref in decl.agents)
            return ChainQuery(agents, expect, decl.location)
        if isinstance(decl, P.ConsistentDecl):
            return ConsistentQuery(self.need(decl.theory, _FILE, "theory"), expect, decl.location)
        if isinstance(decl, P.DepthDecl):
            return DepthQuery(self.need(decl.agent, _FILE, "agent"), expect, decl.location)
        theory = self.need(decl.theory, _FILE, "theory")
        given: dict[str, bool] = {}
        for literal in decl.given:
            name = name_of(literal.atom, _FILE)
            if name in given:
                raise P.LocatedError(f"atom {name} is given twice", literal.atom.location)
            given[name] = literal.value
        return SoundQuery(theory, tuple(given.items()), expect, decl.location)


def _expectation(decl: P.QueryDecl) -> str | None:
    if decl.expect is None:
        return None
    text = decl.expect.text
    allowed = VERDICTS[decl.kind]
    if text in allowed or (decl.kind == "depth" and text.isdigit()):
        return str(int(text)) if text.isdigit() else text
    choices = ", ".join(allowed) + (" or a number" if decl.kind == "depth" else "")
    raise P.LocatedError(
        f"'{text}' is not a verdict of {decl.kind}; expect one of {choices}",
        decl.expect.location,
    )


def _check_cycles(edges: dict[str, list[tuple[str, Location, Member]]]) -> None:
    """Reject cycles in `extends` (iterative DFS), located at the edge that closes the cycle."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for root in edges:
        if root in state:
            continue
        path = [root]
        state[root] = 1
        stack = [iter(edges[root])]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                state[path.pop()] = 2
                continue
            name, where, member = step
            if state.get(name) == 1:
                cycle = path[path.index(name) :] + [name]
                raise P.LocatedError(
                    f"cycle in 'extends': {' -> '.join(cycle)}{member.context()}", where
                )
            if name not in state:
                state[name] = 1
                path.append(name)
                stack.append(iter(edges[name]))


def resolve(units: list[Unit], path: Path | None) -> Spec:
    """The checked `Spec` of the statements `units` (from `collect`), read from `path`."""
    names = _Resolver(units)
    theories = names.theories()
    agents = {m.name: names.agent(decl, m) for decl, m in names.agent_decls}
    premises = tuple(names.formula(p.formula, _FILE, "a premise") for p in names.premises)
    queries = tuple(names.query(q) for q in names.queries)
    return Spec(theories, agents, queries, names.frame or "GL", path, premises)
