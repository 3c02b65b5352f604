"""Documentation that cannot drift: README Cypher runs, every command is documented, the
compose file is what the README says."""

from __future__ import annotations

import re

import pytest
import yaml

from quotetrail.cli import app, server_app
from quotetrail.graph.store.user_cypher import run_read_only

from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CYPHER_BLOCKS = re.findall(r"```cypher\n(.*?)```", README, re.S)


def test_the_readme_has_at_least_three_cypher_examples():
    assert len(CYPHER_BLOCKS) >= 3


@pytest.mark.parametrize("query", CYPHER_BLOCKS, ids=[f"block{i}" for i in
                                                      range(len(CYPHER_BLOCKS))])
def test_each_readme_query_runs_and_returns_rows(seeded_store, query):
    result = run_read_only(seeded_store, query, {"name": "Jens Stoltenberg"})
    assert result.rows, query


def _commands(typer_app) -> list[str]:
    """Commands and command groups (`server`, and `speakers`/`quotes`, which list when
    called alone)."""
    return [c.name or c.callback.__name__ for c in typer_app.registered_commands] + [
        g.name for g in typer_app.registered_groups if g.name != "server"]


def test_every_command_is_in_the_readme_and_has_help():
    commands = [f"quotetrail {c}" for c in _commands(app)]
    assert {"quotetrail load", "quotetrail trace", "quotetrail quotes", "quotetrail cypher",
            "quotetrail view"} <= set(commands)
    for command in commands:
        assert f"`{command}" in README, f"{command} is not documented in README.md"
    for sub in _commands(server_app):
        assert f"`{sub}`" in README or f"server {sub}" in README
    for c in app.registered_commands + server_app.registered_commands:
        assert c.callback.__doc__, f"{c.callback.__name__} has no help text"
    for g in app.registered_groups:
        assert g.typer_instance.info.help or g.typer_instance.registered_callback, g.name
        for c in g.typer_instance.registered_commands:
            assert c.callback.__doc__, f"{g.name} {c.name} has no help text"


def test_readme_shows_the_two_setup_commands():
    assert "make demo" in README and "make test" in README


def test_docker_compose_runs_neo4j_5_on_loopback_with_a_named_volume():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    assert re.fullmatch(r"neo4j:5[\w.-]*community", neo4j["image"])
    assert "127.0.0.1:7687:7687" in neo4j["ports"]
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"])  # never on all interfaces
    volume, mount = neo4j["volumes"][0].split(":")
    assert mount == "/data" and volume in compose["volumes"]
    auth = neo4j["environment"]["NEO4J_AUTH"]
    assert "${NEO4J_PASSWORD" in auth and auth.startswith("neo4j/")  # no password in the file


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
