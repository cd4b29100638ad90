"""Third-party code kept inside alsreader, each package with its licence and the reason."""
