"""Files stay in their folder: what a load may open, and how it opens it.

Folders come from colleagues, scrapers and archives. A link in one must not make quotetrail
read `/proc/self/environ` or `$QUOTETRAIL_HOME/secrets.json` into an Article the API serves,
and a FIFO or a device must not hang or flood a load. So a folder entry is read only when it
resolves to a regular file inside the folder (unless the user passes `--follow-links`), and
every file is opened without following a last link and checked to be regular on the open
descriptor, where no rename between a check and the open can swap it.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from typing import BinaryIO

from quotetrail.errors import InputError

FOLLOW_FLAG = "--follow-links"


@dataclass(frozen=True)
class ReadPolicy:
    """What the user allowed beyond the defaults (the `load` options)."""

    follow_links: bool = False  # read what a folder's links point to, wherever it is
    allow_private_urls: bool = False  # fetch URLs on loopback, private or link-local addresses


def folder_entry(folder: str, name: str, policy: ReadPolicy) -> str:
    """The path to open for `name` in `folder`; raises InputError for a link out of it."""
    path = os.path.join(folder, name)
    if not os.path.islink(path):
        return path
    target = os.path.realpath(path)
    root = os.path.realpath(folder)
    if policy.follow_links or os.path.commonpath([root, target]) == root:
        return target
    raise InputError(f"a link to {target}, outside the folder: refused; pass {FOLLOW_FLAG} to "
                     "read what links point to")


def open_regular(path: str) -> BinaryIO:
    """Open `path` for reading if it is a regular file (never through a last link: resolve
    a link first with folder_entry or os.path.realpath); raises InputError otherwise."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: opening a FIFO must not wait for a writer
    except PermissionError as exc:
        raise InputError("permission denied; make the file readable (chmod +r)") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("a link was swapped in while reading; refused") from exc
        if exc.errno == errno.ENXIO:  # a socket cannot be opened at all
            raise _not_regular(os.lstat(path).st_mode) from exc
        raise InputError(f"cannot read file ({exc.strerror or exc.__class__.__name__})"
                         ) from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _not_regular(mode)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _not_regular(mode: int) -> InputError:
    return InputError(f"not a regular file (a {special_kind(mode)}): refused; pass a regular "
                      "file, a folder or a URL")


def special_kind(mode: int) -> str:
    """A file type as a word, for messages."""
    for test, word in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISDIR, "folder"), (stat.S_ISLNK, "link")):
        if test(mode):
            return word
    return "special file"
