"""The web app and JSON API (``presslens serve``). Needs the ``web`` extra: ``pip install 'presslens[web]'``.

:mod:`.app` builds the application, :mod:`.api` holds the JSON routes,
:mod:`.pages` the server-rendered pages, :mod:`.charts` the inline SVG charts
and :mod:`.cli` the ``serve`` command.
"""
