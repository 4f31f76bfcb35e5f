"""``python -m presslens.cli``: the ``presslens`` command."""

from . import main

main()
