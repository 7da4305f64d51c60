"""`python -m lobkit` runs the command line."""

import sys

from lobkit.cli import main

sys.exit(main())
