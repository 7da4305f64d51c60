"""Pictures and pages for people: explained countermodels, proof trees, notebook displays."""
