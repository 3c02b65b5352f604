"""`quotetrail server ...` (the local graph server) and `quotetrail serve` (the API)."""

from __future__ import annotations

import json
import os
import time
from typing import Annotated

import typer

from quotetrail.cli import JsonOption, app, out, server_app
from quotetrail.errors import QuotetrailError
from quotetrail.graph.local_server.manager import ENGINES, LocalServer, for_settings
from quotetrail.graph.store.driver import Store
from quotetrail.settings import Settings, get_settings, masked_uri

# -- server ----------------------------------------------------------------------------

EngineOption = Annotated[str | None, typer.Option(
    "--engine", help="arcadedb or neo4j (default: QUOTETRAIL_ENGINE, else arcadedb)")]


def _local_server(settings: Settings, engine: str | None) -> LocalServer:
    if settings.neo4j_uri:
        raise QuotetrailError(f"NEO4J_URI is set ({masked_uri(settings.neo4j_uri)}): quotetrail "
                              "uses that server, not the local one; unset it to manage the "
                              "local server")
    if engine not in (None, *ENGINES):
        raise QuotetrailError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    return for_settings(settings, engine)


@server_app.command("start")
def server_start(engine: EngineOption = None) -> None:
    """Start the local server (or report the one already running)."""
    server = _local_server(get_settings(), engine)
    info = server.ensure_running()
    out.print(f"local {server.engine} server {info.version} running at {info.uri} "
              f"(pid {info.pid}), data in {server.root}", markup=False)


@server_app.command("stop")
def server_stop(engine: EngineOption = None) -> None:
    """Stop the local server."""
    server = _local_server(get_settings(), engine)
    info = server.stop()
    out.print(f"stopped the local {server.engine} server (pid {info.pid})" if info
              else f"no local {server.engine} server running")


@server_app.command("status")
def server_status(as_json: JsonOption = False, engine: EngineOption = None) -> None:
    """Print the local server's engine, version, URI, data folder, pid and uptime."""
    server = _local_server(get_settings(), engine)
    info = server.status()
    status = {"running": info is not None, "engine": server.engine,
              "version": info.version if info else None, "uri": info.uri if info else None,
              "data": str(server.root), "pid": info.pid if info else None,
              "uptime_seconds": round(info.uptime, 1) if info else None,
              "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(info.started_at))
              if info else None}
    if as_json:
        typer.echo(json.dumps(status, indent=2))
    elif info:
        out.print(f"running\n  engine: {server.engine} {info.version}\n  uri:    {info.uri}"
                  f"\n  data:   {server.root}\n  pid:    {info.pid}"
                  f"\n  uptime: {_duration(info.uptime)}", markup=False)
    else:
        out.print(f"not running\n  engine: {server.engine}\n  data:   {server.root}",
                  markup=False)
    if not info:
        raise typer.Exit(3)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


# -- serve -----------------------------------------------------------------------------

@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind (loopback unless told; beyond "
                                      "loopback needs QUOTETRAIL_API_TOKEN).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(
        min=1, help="Server processes (about one per core). Each has its own graph connection "
        "and trace cache: a load through one shows in the others' traces within "
        "QUOTETRAIL_API_CACHE_SECONDS.")] = 1,
    private: Annotated[bool, typer.Option(
        "--private", help="Reads need the token too (QUOTETRAIL_API_TOKEN).")] = False,
) -> None:
    """Serve the pages and the JSON API (docs at /docs) with uvicorn."""
    import uvicorn

    from quotetrail.api.security import exposure

    settings = get_settings()
    banner, environment = exposure(host, port, private=private or settings.api_private,
                                   token=settings.api_token, hosts=settings.api_hosts)
    os.environ.update(environment)  # the app (and every worker) reads it from settings
    get_settings.cache_clear()
    # Start the local server and create the schema once, here, before the workers connect:
    # a clear error now rather than one per worker.
    Store.connect(get_settings()).close()
    out.print(banner, markup=False)
    # uvicorn's own fast parts (uvloop, httptools) are used when installed, as they are here
    uvicorn.run("quotetrail.api.app:create_app", factory=True, host=host, port=port,
                workers=workers, log_level="warning")
