"""At most a few user queries at once, across every process that shares one graph server.

User Cypher can be made expensive on purpose; the graph server has a fixed number of query
slots (ArcadeDB's `queryMaxConcurrent`, 4 on a two-core machine) that traces, lists and loads
need too. A user query therefore takes one of its own few slots first, and past them it is
refused at once (the API answers 429) instead of queueing on the server. The slots are
`flock`s on files in one folder: the OS releases them when a process dies, and a CLI process,
the API and a bench on the same `$QUOTETRAIL_HOME` count against the same limit.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from quotetrail.errors import BusyError


def folder_for(home: str | None, uri: str) -> Path:
    """The slot folder of a local server's home, or of a remote server by its URI."""
    if home:
        return Path(home) / "query-slots"
    digest = hashlib.sha256(uri.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"quotetrail-query-slots-{os.getuid()}-{digest}"


@contextlib.contextmanager
def query_slot(folder: Path, size: int) -> Iterator[int]:
    """Hold one of `size` slots while the block runs; BusyError when all are taken."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    for number in range(size):
        fd = os.open(folder / f"{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            yield number
            return
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
    raise BusyError(f"{size} user queries are already running, the most allowed at once; "
                    "try again when one has finished")
