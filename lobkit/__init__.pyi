# lobkit's public API, written once: every name `import lobkit` offers, and where it lives.
# `lobkit/__init__.py` reads this file to import each name on first use (PEP 562), and type
# checkers and editors read it as the package's types. Add a name here, and only here.

from lobkit.agents import ModalAgent as ModalAgent
from lobkit.agents import combat as combat
from lobkit.batch import BatchResult as BatchResult
from lobkit.batch import prove_many as prove_many
from lobkit.classics.fixed_points import fixed_point as fixed_point
from lobkit.classics.fixed_points import solve_fixed_points as solve_fixed_points
from lobkit.classics.interpolation import interpolant as interpolant
from lobkit.classics.letterless import letterless_normal_form as letterless_normal_form
from lobkit.classics.letterless import standard_model_truth as standard_model_truth
from lobkit.errors import InputError as InputError
from lobkit.errors import LobkitError as LobkitError
from lobkit.errors import ParseError as ParseError
from lobkit.errors import ResourceLimit as ResourceLimit
from lobkit.exercises import check_answer as check_answer
from lobkit.exercises import load_exercise_set as load_exercise_set
from lobkit.formula import Formula as Formula
from lobkit.formula import atom as atom
from lobkit.formula import atoms as atoms
from lobkit.formula import bot as bot
from lobkit.formula import box as box
from lobkit.formula import conj as conj
from lobkit.formula import diamond as diamond
from lobkit.formula import disj as disj
from lobkit.formula import dotbox as dotbox
from lobkit.formula import iff as iff
from lobkit.formula import implies as implies
from lobkit.formula import neg as neg
from lobkit.formula import substitute as substitute
from lobkit.formula import top as top
from lobkit.kernel import Countermodel as Countermodel
from lobkit.kernel import Logic as Logic
from lobkit.kernel import Proof as Proof
from lobkit.models import read_model as read_model
from lobkit.models.evaluation import evaluate_model as evaluate_model
from lobkit.prover import ProofResult as ProofResult
from lobkit.prover import Prover as Prover
from lobkit.prover import entails as entails
from lobkit.prover import is_satisfiable as is_satisfiable
from lobkit.prover import is_valid as is_valid
from lobkit.prover import prove as prove
from lobkit.syntax import parse as parse
from lobkit.syntax import to_ascii as to_ascii
from lobkit.syntax import to_latex as to_latex
from lobkit.syntax import to_unicode as to_unicode
from lobkit.theories import load_example as load_example
from lobkit.tiling import Spec as Spec
from lobkit.tiling import load as load

__version__: str
__all__: list[str]
