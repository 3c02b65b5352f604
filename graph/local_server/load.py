"""How busy the local server is: the CPU time its process (or some of its threads) has used,
read from /proc.

The tests and the soak bench prove with it that a stopped query really stopped, which no
answer from the server itself can show. User queries run on the server's HTTP worker threads
(`XNIO-1 task-N`), so those are measured apart from the JVM's garbage collector and compiler,
which may go on working for a moment after a query that allocated much.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

HTTP_WORKERS = "XNIO-1 task"  # the thread names (as /proc shows them) user queries run on


def cpu_seconds(pid: int, threads: str | None = None) -> float:
    """CPU seconds (user + system) the process, or its threads whose name starts with
    `threads`, have used so far (Linux /proc)."""
    if threads is None:
        return _ticks(Path(f"/proc/{pid}/stat")) / os.sysconf("SC_CLK_TCK")
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            if (task / "comm").read_text().startswith(threads):
                total += _ticks(task / "stat")
        except OSError:  # the thread ended meanwhile
            continue
    return total / os.sysconf("SC_CLK_TCK")


def cpu_over(pid: int, seconds: float, threads: str | None = None) -> float:
    """CPU seconds the process (or those threads) use in the next `seconds` of wall time."""
    before = cpu_seconds(pid, threads)
    time.sleep(seconds)
    return cpu_seconds(pid, threads) - before


def _ticks(stat: Path) -> int:
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])
