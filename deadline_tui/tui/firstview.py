"""The first screen of the book, worked out in a child process while Textual starts.

CPython runs one thread at a time. Reading and assessing a 20.000-task book takes about
100 ms of CPU and starting Textual about 150 ms: in one process, even with the book on its
own thread, the two add up, and the first frame came at 1,55-1,65 x a minimal Textual app
(DESIGN 10 asks for 1,3). A child forked before Textual is imported reads the book on the
other core and sends back what the first frame shows: the figures and the first rows
(``ViewResult.first``). Once that frame is up, the store reads the whole book itself, as
it always did, and the table gets every row (tui.screens.main).

Nothing depends on the child. Without ``os.fork`` (Windows), or when the child fails in
any way but a :class:`~deadline_tui.errors.UserError`, the store reads the book itself. A
UserError (a missing or damaged book, a server that refuses) is sent over as it is, so the
message is the same and a slow server is not waited for twice. The child never writes to
the terminal and leaves by ``os._exit``: no exit handler runs, no buffer of the parent is
flushed twice.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable
from typing import NamedTuple, NoReturn

from deadline_tui.errors import UserError
from deadline_tui.services.view import ViewResult

FIRST_ROWS = 200  # more rows than any terminal shows at once


class Child(NamedTuple):
    """A forked child working out the first view, and the pipe it answers on."""

    pid: int
    fd: int


def fork(work: Callable[[], ViewResult]) -> Child | None:
    """Run ``work`` in a forked child (call it while this process has one thread); None
    where this platform cannot fork."""
    if not hasattr(os, "fork"):
        return None
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or too many processes: the parent reads the book
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:
        os.close(read_fd)
        _answer(work, write_fd)
    os.close(write_fd)
    return Child(pid, read_fd)


def _answer(work: Callable[[], ViewResult], fd: int) -> NoReturn:
    """(the child) Send ``work``'s first rows, or the UserError it raised, then leave."""
    code = 1
    try:
        try:
            sent: tuple[str, object] = ("view", work().first(FIRST_ROWS))
        except UserError as error:
            sent = ("error", error)
        with open(fd, "wb") as pipe:
            pipe.write(pickle.dumps(sent, pickle.HIGHEST_PROTOCOL))
        code = 0
    except BaseException:  # anything else: the parent reads the book itself
        pass
    finally:
        os._exit(code)


def result(child: Child) -> ViewResult | None:
    """The child's first view; the UserError it met, raised here; or None when it sent
    nothing usable (the caller then reads the book itself). Waits for the child."""
    try:
        with open(child.fd, "rb") as pipe:
            data = pipe.read()
    finally:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child.pid, 0)
    try:
        kind, value = pickle.loads(data)  # from our own child, through our own pipe
    except Exception:  # it died mid-write (killed): nothing usable
        return None
    if kind == "error" and isinstance(value, UserError):
        raise value
    return value if kind == "view" and isinstance(value, ViewResult) else None
