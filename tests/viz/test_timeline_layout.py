"""The time axis skips lane counts too few to read well (viz/_timeline.py): the layout it
picks is the one trying every count picks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrail.viz import _timeline
from quotetrail.viz._timeline import MAX_LANES, READABLE_SCALE, layout

START = datetime(2022, 2, 1, tzinfo=UTC)


def every_count(times: list[datetime | None]) -> _timeline.Layout:
    """The fewest lanes that read well, else the best scale: every count placed."""
    days = [_timeline._day(t) for t in times]
    options = [_timeline._place(times, days, n)
               for n in range(1, max(min(len(times), MAX_LANES), 1) + 1)]
    readable = [o for o in options if o.scale >= READABLE_SCALE]
    return readable[0] if readable else max(options, key=lambda o: (o.scale, -o.lanes))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60 * 24 * 90), max_size=160),
       st.integers(min_value=0, max_value=5))
def test_the_layout_is_the_one_every_lane_count_gives(minutes: list[int], undated: int):
    times: list[datetime | None] = [START + timedelta(minutes=m) for m in sorted(minutes)]
    times += [None] * undated
    assert layout(times) == every_count(times)


def test_a_much_printed_statement_is_laid_out_in_the_lanes_it_needs():
    times: list[datetime | None] = [START + timedelta(hours=6 * i) for i in range(65)]
    found = layout(times)
    assert found.scale >= READABLE_SCALE and found.lanes > 1
    assert found == every_count(times)
