"""Posted documents are parsed and extracted in a worker process with a CPU-time limit.

Parsing HTML and finding quotes is pure CPU. In the API's own process it held the GIL, so
one hostile page stalled every other request (a 3 MB page froze the API for 19 minutes). In a
worker the API keeps answering, and a document that needs more than `cpu_seconds` of CPU is
stopped by the kernel (RLIMIT_CPU) and refused; the worker is then replaced.
"""

from __future__ import annotations

import resource
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from quotetrail.errors import InputError, QuotetrailError
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.read.html import html_document
from quotetrail.loaders.records import Document, ExtractedDocument
from quotetrail.worker_pool import spawn_pool


class ExtractWorker:
    """One worker process, started on first use and shared by every app in this process."""

    def __init__(self, cpu_seconds: float) -> None:
        self.cpu_seconds = cpu_seconds
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def extract(self, source: str, text: str | None, html: str | None, url: str | None,
                meta: dict[str, Any]) -> ExtractedDocument:
        """The document read from text or HTML and its quotes, or an InputError."""
        pool = self._ensure_pool()
        future = pool.submit(_read_and_extract, self.cpu_seconds, source, text, html, url, meta)
        try:
            outcome = future.result()
        except BrokenProcessPool:
            self._replace(pool)
            raise InputError(f"reading the document took more than {self.cpu_seconds:g} s of "
                             "CPU and was stopped; split it or send its plain text",
                             input=source) from None
        if isinstance(outcome, str):
            raise InputError(outcome, input=source)
        return outcome

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = spawn_pool(1)
            return self._pool

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                broken.shutdown(wait=False, cancel_futures=True)
                self._pool = None


def _read_and_extract(cpu_seconds: float, source: str, text: str | None, html: str | None,
                      url: str | None, meta: dict[str, Any]) -> ExtractedDocument | str:
    """In the worker: the CPU limit covers this task only (the soft limit is raised back)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = used.ru_utime + used.ru_stime
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (int(spent + cpu_seconds) + 1, hard))
    try:
        if html is not None:
            doc = html_document(html, source=source, url=url, meta=meta)
        else:
            doc = Document(text=text or "", source=source, **meta)
        return extract(doc)
    except QuotetrailError as e:
        return e.message
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (resource.RLIM_INFINITY, hard))
