"""Large loads extract in worker processes; the result must equal extraction in-process."""

from __future__ import annotations

from quotetrail import pipeline as load
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document


def test_parallel_extraction_equals_serial_and_keeps_order():
    docs = [Document(text=f'Anna Berg said: "Report {i} comes out before vote {i % 9}." '
                          f'Then "scare words {i}" appeared.\n', source=f"doc{i}.txt")
            for i in range(load.PARALLEL_MIN + 20)]
    docs.append(Document(text="", source="empty.txt"))
    parallel = load.extract_all(docs)
    assert len(parallel) == len(docs)
    for doc, result in zip(docs, parallel, strict=True):
        if isinstance(result, str):
            continue
        assert result == extract(doc)
        assert result.document.source == doc.source
