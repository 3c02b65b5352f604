"""A killed parent leaves no extraction worker behind (quotetrail/worker_pool.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from quotetrail.worker_pool import POLL_SECONDS

PARENT = """
import os, sys, time
from quotetrail.worker_pool import spawn_pool
pool = spawn_pool(1)
print(pool.submit(os.getpid).result(), flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_a_worker_ends_when_its_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    worker = None
    try:
        worker = int(parent.stdout.readline())
        assert worker != parent.pid and _alive(worker)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + POLL_SECONDS * 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker)
    finally:
        parent.kill()
        parent.wait()
        if worker is not None and _alive(worker):  # not left behind by a failure here
            os.kill(worker, signal.SIGKILL)


def test_a_worker_runs_what_it_is_given_while_its_parent_lives():
    from quotetrail.worker_pool import spawn_pool
    with spawn_pool(1) as pool:
        first = pool.submit(os.getpid).result()
        time.sleep(POLL_SECONDS * 2)  # the watch has looked at least once
        assert pool.submit(os.getpid).result() == first != os.getpid()
