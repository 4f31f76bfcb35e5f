"""Evaluating presslens analyzers against annotated corpora (PolNeAR for quotes)."""
