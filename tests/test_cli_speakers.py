"""`quotetrail speakers merge|set`: wired to the core, errors that say the fix (the graph is
left as it was: the seeded graph is shared by the session)."""

from __future__ import annotations

import pytest

from helpers import is_local, run_cli


def test_speaker_corrections_refuse_unknown_inputs_with_a_clear_message(local_home,
                                                                         seeded_store):
    if not is_local(seeded_store):
        pytest.skip("the CLI tests run on the local server")
    merge = run_cli("speakers", "merge", "Nobody Atall", "Jens Stoltenberg", "--why", "x",
                    home=local_home)
    assert merge.returncode == 1 and "no speaker with id or name 'Nobody Atall'" in merge.stderr
    unknown = run_cli("quotes", "set-speaker", "qt-no-such-quote", "Jens Stoltenberg",
                      home=local_home)
    assert unknown.returncode == 1 and "no quote with id 'qt-no-such-quote'" in unknown.stderr
    both = run_cli("quotes", "set-speaker", "qt-no-such-quote", home=local_home)
    assert both.returncode == 2 and "--clear" in both.stderr
    assert seeded_store.rows("MATCH (c:Correction) RETURN count(c) AS n") == [{"n": 0}]
