"""Pictures: countermodels drawn with matplotlib (Agg backend, no display needed)."""
