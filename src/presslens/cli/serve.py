"""``presslens serve``: the web app and JSON API under uvicorn.

The command only turns flags into :func:`presslens.web.app.create_app` arguments.
It binds loopback by default; any other address needs a token, which every
request must then carry (``Authorization: Bearer TOKEN`` or the login form's cookie).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from ..errors import ConfigError
from ..settings import Settings
from .common import analyzers_option, errors_to_exit_codes, max_bytes_option, size_limit


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> None:
    """Refuse to serve a non-loopback address without a token."""
    if token is None and not is_loopback(host):
        raise ConfigError(
            f"binding {host!r} would expose the server to the network without authentication; "
            "give a token with --token or PRESSLENS_TOKEN, or bind 127.0.0.1",
            source="--host",
        )
    if token is not None and len(token) < 16:
        raise ConfigError("the token is too short to be safe: use at least 16 characters "
                          "(for example `python -c 'import secrets; print(secrets.token_urlsafe())'`)",
                          source="--token")


@click.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Corpus database: analyses are stored there and the corpus pages browse it. "
                   "Without it the server analyses but stores nothing.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback requires --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to bind.")
@click.option("--token", envvar="PRESSLENS_TOKEN", default=None,
              help="Require this token on every request (header 'Authorization: Bearer TOKEN' or the /login "
                   "form) [env: PRESSLENS_TOKEN].")
@analyzers_option
@max_bytes_option
@click.option("--allowed-host", "allowed_hosts", multiple=True, envvar="PRESSLENS_ALLOWED_HOSTS",
              help="A host name the server answers to (repeatable) [default: the loopback names when bound to "
                   "loopback, else any; env: PRESSLENS_ALLOWED_HOSTS, space-separated].")
def serve(db_path, host, port, token, analyzers, max_bytes, allowed_hosts) -> None:
    """Serve the analyze page, the corpus pages and the JSON API (docs at /docs)."""
    with errors_to_exit_codes():
        check_binding(host, token)
        try:
            import uvicorn

            from ..web.app import LOOPBACK_HOSTS, create_app
        except ImportError as exc:
            raise ConfigError(f"the web app needs its extra dependencies ({exc.name} is missing): "
                              "pip install 'presslens[web]'") from exc
        settings = Settings(analyzers=analyzers, **size_limit(max_bytes))
        app = create_app(settings, db_path, token,
                         allowed_hosts or (LOOPBACK_HOSTS + (host,) if is_loopback(host) else None))
        app.state.workbench.pipeline(settings)  # unknown analyzer names fail now, not on the first request
        click.echo(f"presslens serving on http://{host}:{port}/ (API docs at /docs)", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")
