"""`quotetrail cypher` refuses zero or negative limits in one line, and says which cap cut."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from quotetrail.settings import Settings

from helpers import is_local, run_cli


@pytest.fixture
def home(local_home, seeded_store):
    if not is_local(seeded_store):
        pytest.skip("the CLI tests run on the local server")
    return local_home


@pytest.mark.parametrize("option", [["--time-limit", "-1"], ["--time-limit", "0"],
                                    ["--row-cap", "0"], ["--row-cap", "-1"]])
def test_a_zero_or_negative_limit_is_one_line_and_exit_one(home, option):
    done = run_cli("cypher", "RETURN 1 AS one", *option, home=home)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "must be a positive number" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_byte_cap_is_named_when_it_cuts(home):
    done = run_cli("cypher", "UNWIND range(1, 100) AS i "
                   "RETURN reduce(s = '', j IN range(1, 100) | s + 'xxxxxxxxxx') AS s",
                   "--json", home=home, env={"QUOTETRAIL_QUERY_BYTE_CAP": "5000"})
    assert done.returncode == 0, done.stderr
    assert 0 < len(done.stdout.splitlines()) < 5 and "byte cap of 5000 bytes" in done.stderr


@pytest.mark.parametrize("name", ["QUOTETRAIL_QUERY_TIMEOUT", "QUOTETRAIL_QUERY_ROW_CAP",
                                  "QUOTETRAIL_QUERY_BYTE_CAP", "QUOTETRAIL_QUERY_CONCURRENCY"])
def test_settings_refuse_zero_limits(name):
    with pytest.raises(ValidationError, match="greater than 0"):
        Settings(**{name: 0})
