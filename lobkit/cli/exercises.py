"""`lobkit exercises SET`: serve an exercise set on the model editor page, list it, or check
one answer from the command line with the kernel (`lobkit.exercises`)."""

from __future__ import annotations

import argparse

from lobkit.cli._common import add_format, emit_json

EXIT_RIGHT, EXIT_WRONG = 0, 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "exercises",
        help="serve an exercise set on the model editor page, or check an answer with the kernel",
        description=(
            "SET is an exercise file (TOML or JSON; docs/web.md, Exercises) or the name of a "
            "shipped set (k-to-gl). Without --list or --answer: serve the model editor with the "
            "set on http://HOST:PORT/editor, as lobkit serve does. --answer ID checks one "
            "answer: --model MODEL for 'not valid' (a countermodel, in a file or inline), "
            "--steps 'R-imp; GLR []p' for 'valid'; exit 0 if the kernel accepts it, 1 if not."
        ),
    )
    parser.add_argument("set", metavar="SET", help="an exercise file, or a shipped set's name")
    parser.add_argument("--list", action="store_true", help="print the set and exit")
    parser.add_argument("--answer", metavar="ID", help="check an answer to exercise ID")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--model", metavar="MODEL", help="'not valid', with this countermodel")
    group.add_argument("--steps", metavar="STEPS", help="'valid', with these proof steps (;)")
    add_format(parser)
    _server_options(parser)
    parser.set_defaults(handler=run)


def _server_options(parser: argparse.ArgumentParser) -> None:
    """`lobkit serve`'s options (--host, --port, --timeout, …), taken from its own parser so
    that both commands always serve the same way."""
    from lobkit.cli import serve

    scratch = argparse.ArgumentParser(add_help=False)
    serve.register(scratch.add_subparsers())
    (choices,) = [a for a in scratch._actions if isinstance(a, argparse._SubParsersAction)]
    for action in choices.choices["serve"]._actions:
        if not isinstance(action, argparse._HelpAction):
            parser._add_action(action)


def run(args: argparse.Namespace) -> int:
    from lobkit.errors import InputError
    from lobkit.exercises import check_answer, load_exercise_set

    chosen = load_exercise_set(args.set)
    if args.answer is not None:
        from lobkit.models import load_model, model_text

        exercise = chosen.get(args.answer)
        if args.model is None and args.steps is None:
            raise InputError("--answer needs --model (not valid) or --steps (valid)")
        if args.model is not None:
            outcome = check_answer(
                exercise, "not valid", model=load_model(args.model), timeout=args.timeout
            )
        else:
            steps = [s for s in args.steps.replace("\n", ";").split(";") if s.strip()]
            outcome = check_answer(exercise, "valid", steps=steps, timeout=args.timeout)
        if args.format == "json":
            document = outcome.to_json()
            document["exercise"] = exercise.id
            emit_json(document)
        else:
            print(outcome.message if outcome.correct else f"wrong: {outcome.message}")
            for line in outcome.reasons:
                print(f"  {line}")
            if outcome.countermodel is not None:
                shown = model_text(outcome.countermodel, separator="; ")
                print(f"  countermodel: {shown}")
        return EXIT_RIGHT if outcome.correct else EXIT_WRONG
    if args.model is not None or args.steps is not None:
        raise InputError("--model and --steps answer an exercise: give --answer ID too")
    if args.list:
        if args.format == "json":
            emit_json(chosen.to_json())
        else:
            print(chosen.title)
            for e in chosen.exercises:
                print(f"  {e.id}: is {e.to_json()['unicode']} valid in {e.logic}? {e.prompt}")
        return 0
    from lobkit.cli.serve import run as serve

    args.exercise_set = chosen
    args.page = "editor"
    return serve(args)
