"""Quotes and who said them.

:mod:`.marks` pairs quotation marks, :mod:`.cues` holds the cue lexicon,
:mod:`.extract` finds attributions in a spaCy parse, :mod:`.speakers` resolves
who each speaker mention refers to. The ``quotes`` analyzer
(:mod:`presslens.analyzers.quotes`) puts them together.
"""
