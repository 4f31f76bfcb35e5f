"""Persuasion techniques at span level (SemEval-2020 Task 11, the Propaganda Techniques Corpus).

- :mod:`.formats`: PTC article, label and template files.
- :mod:`.scorer`: the task's SI and TC metrics.
- :mod:`.taxonomy`: the 14 labels and their mapping to the SemEval-2023 taxonomy.
- :mod:`.model`: the tagger on the shared encoder (SI and TC heads, the article gate), run by onnxruntime.
- :mod:`.train`: its fine-tuning (torch, the extra ``presslens[train]``) and its evaluation.
"""
