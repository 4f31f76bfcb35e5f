"""Claims and numbers: the helpers behind the ``claims`` and ``numbers`` analyzers.

- :mod:`presslens.claims.quantities`: find and normalise numbers, quantities and dates in text.
- :mod:`presslens.claims.checks`: check the numbers of one article against each other.
- :mod:`presslens.claims.model`: the check-worthiness classifier (trained by ``presslens train claims``).
"""
