"""Persuasion techniques at span level (SemEval-2020 Task 11, the Propaganda Techniques Corpus).

- :mod:`.formats`: PTC article, label and template files.
- :mod:`.scorer`: the task's SI and TC metrics.
- :mod:`.taxonomy`: the 14 labels and their mapping to the SemEval-2023 taxonomy.
- :mod:`.features` and :mod:`.model`: the CPU model (a CRF span tagger and a technique classifier).
- :mod:`.cli`: the ``presslens ptc`` commands.
"""
