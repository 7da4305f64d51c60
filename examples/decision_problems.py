"""Decision problems in MIRI's modal-combat language: modal UDT in 5-and-10, Newcomb and the
Prisoner's Dilemma, each result certified (the unique fixed point, the least k such that
PA + Con^k proves it, verified by the GL prover). Run: python examples/decision_problems.py
"""

from lobkit.agents.combat_file import load_game, parse_game, shipped_game
from lobkit.agents.playfile import play_file, play_game, tournament

# MIRI's own agents/target.ua, shipped with lobkit.
for result in play_file(shipped_game("target")).results:
    print(
        f"{result.kind:8} {', '.join(map(str, result.calls)):60} {result.result_text():28}"
        f" k = {result.proved_in}"
    )

# A game of your own: the spurious proof (the naive agent takes $5).
game = parse_game(
    """\
problem FiveAndTen [$10, $5, $0] [10, 5]
	if A()=5
		return $5
	return $10

theory Naive
	if □⌜(A()=5 → U()=$5) ∧ (A()=10 → U()=$0)⌝
		return 5
	return 10

play: FiveAndTen, Naive.
"""
)
(naive,) = play_game(game)
print(f"naive agent in 5-and-10: {naive.result_text()}, proved in PA + Con^{naive.proved_in}")

# A round robin of the file's Prisoner's Dilemma bots.
table = tournament(load_game(shipped_game("decisions")), ["FairBot", "PrudentBot", "DefectBot"])
for (a, b), result in table.items():
    print(f"{a:>10} vs {b:<10} {''.join(result.values)}  k = {result.proved_in}")
