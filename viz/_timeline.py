"""Where each occurrence of a statement sits on the statement page's time axis.

Time runs left to right and x never goes back: every print stands right of the one before
it, a step further when a new day starts (a step that grows with the days between, on a log
scale, so a lull does not push a busy day off the panel). Prints are dealt over lanes so
that two labels in one lane stay a label's width apart: same-day prints spread in a stair,
never stack in one column. The lane count is the fewest that lets the whole layout, fitted
to the panel, keep its labels readable (so 2 prints make one line, 60 make a few lanes).
Day ticks label the axis where there is room for them; undated prints come last.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

SLOT_WIDTH = 150  # canvas px between two prints in one lane: room for an 18-character label
LANE_HEIGHT = 78  # canvas px per lane: the dot and its two-line label
LABEL_CHARS = 18
TICK_GAP = 100  # the least distance between two labelled day ticks
DAY_STEP = 24  # px per doubling of the days between two prints (in one lane)
REFERENCE_WIDTH = 260  # room for the reference box before the first print
PANEL = (960.0, 640.0)  # the panel the layout aims to fill (width, height in px)
MAX_LANES = 16
MIN_HEIGHT = 320  # px, the panel's least height
READABLE_SCALE = 0.8  # fitted scale at which 13 px labels still read well


@dataclass(frozen=True)
class Layout:
    positions: list[tuple[float, float]]  # per ordered variant
    ticks: list[tuple[str, float]]  # (label, x) of each labelled day
    reference: tuple[float, float]
    tick_y: float
    lanes: int
    height_px: int  # the panel height that fits this layout at a readable scale
    scale: float  # the scale at which the layout fits a panel of that height


def _day(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d") if t else "undated"


def _step(previous: datetime | None, current: datetime | None, same_day: bool,
          lanes: int) -> float:
    """How far right of the previous print the next one wants to stand."""
    base = SLOT_WIDTH / lanes
    if same_day:
        return base
    if previous is None or current is None:
        return base + DAY_STEP * 3 / lanes
    days = (current.date() - previous.date()).days
    return base + DAY_STEP * math.log2(1 + days) / lanes


def _place(times: list[datetime | None], days: list[str], lanes: int) -> Layout:
    positions: list[tuple[float, float]] = []
    ticks: list[tuple[str, float]] = []
    last_in_lane = [-math.inf] * lanes
    x_prev = -SLOT_WIDTH / lanes
    for i, t in enumerate(times):
        new_day = i == 0 or days[i - 1] != days[i]
        want = x_prev + _step(times[i - 1] if i else t, t, not new_day or i == 0, lanes)
        if new_day and t is None and ticks:  # the undated always get their tick
            want = max(want, ticks[-1][1] + TICK_GAP)
        # the first lane with room at `want`, else the one whose last print is furthest left
        lane = next((n for n in range(lanes) if last_in_lane[n] + SLOT_WIDTH <= want),
                    min(range(lanes), key=last_in_lane.__getitem__))
        x = max(want, last_in_lane[lane] + SLOT_WIDTH)
        last_in_lane[lane] = x_prev = x
        positions.append((x, lane * LANE_HEIGHT))
        if new_day and (not ticks or x >= ticks[-1][1] + TICK_GAP):
            ticks.append((days[i], x))
    span = x_prev if times else 0.0
    # few prints: spread them over the panel's width instead of bunching them on the left
    stretch = max(1.0, (PANEL[0] - REFERENCE_WIDTH - SLOT_WIDTH) / span) if span > 0 else 1.0
    positions = [(x * stretch, y) for x, y in positions]
    ticks = [(label, x * stretch) for label, x in ticks]
    width = REFERENCE_WIDTH + span * stretch + SLOT_WIDTH
    height = (lanes + 1) * LANE_HEIGHT
    # the panel as tall as the lanes need at the fitted scale (not less than 320 px, and
    # up to 1.6 times the default panel)
    fitted = min(1.0, PANEL[0] / width)
    height_px = int(min(max(MIN_HEIGHT, height * max(fitted, READABLE_SCALE) + 60),
                        PANEL[1] * 1.6))
    scale = min(PANEL[0] / width, height_px / height)
    return Layout(positions=positions, ticks=ticks,
                  reference=(-REFERENCE_WIDTH + SLOT_WIDTH / 2 - 20, (lanes - 1) *
                             LANE_HEIGHT / 2),
                  tick_y=-LANE_HEIGHT * 0.7, lanes=lanes, height_px=height_px, scale=scale)


def _too_wide(prints: int, lanes: int) -> bool:
    """Whether no layout of `prints` in `lanes` can read well: each print stands at least
    SLOT_WIDTH / lanes right of the one before, so the width has a floor."""
    return PANEL[0] / (REFERENCE_WIDTH + (prints - 1) * SLOT_WIDTH / lanes + SLOT_WIDTH) \
        < READABLE_SCALE


def layout(times: list[datetime | None]) -> Layout:
    """Positions of the variants (given in time order, undated last), ticks, reference.
    Lane counts too few to read well are placed only when no count reads well (65 prints
    tried 15 counts: 6 of a 16 ms statement page)."""
    days = [_day(t) for t in times]
    counts = range(1, max(min(len(times), MAX_LANES), 1) + 1)
    options = []
    for lanes in counts:
        if _too_wide(len(times), lanes):
            continue
        option = _place(times, days, lanes)
        if option.scale >= READABLE_SCALE:
            return option  # the fewest lanes that read well
        options.append(option)
    options += [_place(times, days, n) for n in counts if _too_wide(len(times), n)]
    return max(options, key=lambda o: (o.scale, -o.lanes))
