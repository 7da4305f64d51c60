"""Pictures and pages for people: explained countermodels, proofs as text, LaTeX and drawn
trees, notebook displays. Each renderer registers itself with `lobkit.display` (`@renders`), so
the values it draws import nothing from here."""
