"""The procrastination paradox: a theory that trusts its successors waits forever.

Run: python examples/procrastination.py
"""

from __future__ import annotations

from lobkit.demos.procrastination import designs, simulate

for design in designs(tower_height=2, horizon=20):
    run = simulate(design, horizon=20)
    when = "never" if run.pressed_at is None else f"at step {run.pressed_at}"
    print(
        f"{run.design:<20} presses {when:<12} proves goal: {run.proves_goal!s:<5} "
        f"sound on the run: {run.sound}"
    )
    if not run.sound:
        print("   ", run.why_unsound)
