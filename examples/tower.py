"""A descending tower of theories: who licenses whom, and how deep it tiles.

Run: python examples/tower.py
"""

from __future__ import annotations

from lobkit.tiling import loads

HEIGHT = 4
text = "theory T0\n" + "".join(
    f"theory T{k} extends T{k - 1} {{ reflect T{k - 1} }}\n" for k in range(1, HEIGHT + 1)
)
text += "".join(
    f"agent A{k} {{ theory T{k}; goal safe; actions build }}\n" for k in range(HEIGHT + 1)
)
spec = loads(text)

for m in range(HEIGHT + 1):
    row = [spec.licenses(f"A{m}", f"A{k}").verdict for k in range(HEIGHT + 1)]
    print(f"A{m}:", "  ".join(f"{v:<13}" for v in row))
print(f"depth A{HEIGHT} =", spec.depth(f"A{HEIGHT}"))
