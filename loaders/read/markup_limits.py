"""Caps on a page's markup, checked on the raw text before any HTML parser sees it.

lxml's HTML parser is quadratic in the attributes of one element (20,000 take 1.4 s, 80,000
take 77 s) and trafilatura's date finder is quadratic again after it, so one 3 MB page could
hold a core for twenty minutes. Real article pages stay far below these caps (a long news page
has about 5,000 elements, rarely more than 40 attributes on one).
"""

from __future__ import annotations

import re

from quotetrail.errors import InputError

MAX_ELEMENTS = 100_000  # start tags in one page
MAX_ATTRIBUTES = 1_000  # attributes on one element
MAX_TOTAL_ATTRIBUTES = 200_000  # attributes in the page
_START_TAG = re.compile(r"<[A-Za-z][^<>]*>")


def check_markup(page: str) -> None:
    """Refuse a page whose structure no article has, before it costs minutes to parse."""
    attributes = 0
    for elements, tag in enumerate(_START_TAG.finditer(page), start=1):
        if elements > MAX_ELEMENTS:
            raise InputError(f"the page holds more than {MAX_ELEMENTS:,} HTML elements, more "
                             "than any article page; save the article page itself, or load "
                             "its text as .txt")
        found = tag.group().count("=")
        attributes += found
        if found > MAX_ATTRIBUTES:
            raise InputError(f"an element of the page has more than {MAX_ATTRIBUTES:,} "
                             "attributes, which no article page has; the page is refused")
        if attributes > MAX_TOTAL_ATTRIBUTES:
            raise InputError(f"the page holds more than {MAX_TOTAL_ATTRIBUTES:,} attributes, "
                             "more than any article page; the page is refused")
