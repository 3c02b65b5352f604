"""The CLI's two consoles: results on stdout, progress and messages on stderr. Lines are
never wrapped (soft wrap): output is read by people and by programs alike."""

from __future__ import annotations

from rich.console import Console

out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)
