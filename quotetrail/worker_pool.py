"""Process pools whose workers end with the process that made them.

Extraction runs in spawned workers (the CLI's parallel load, the API's extract worker). A
worker waits on its pool's queue, whose write end it holds itself, so when its parent is
killed (SIGKILL, the OOM killer) it waits for ever, and multiprocessing's resource tracker
with it: two orphans per killed API server or load, found after a test run. Each worker
watches its parent and exits when it is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

POLL_SECONDS = 1.0


def spawn_pool(workers: int) -> ProcessPoolExecutor:
    """`workers` spawned processes (not forked: the caller holds the driver's sockets and
    threads) that exit within POLL_SECONDS of this process's end."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_watch, initargs=(os.getpid(),))


def _watch(parent: int) -> None:
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True,
                     name="quotetrail-parent-watch").start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(0)  # nothing to flush: a task of a dead parent has no one to answer
