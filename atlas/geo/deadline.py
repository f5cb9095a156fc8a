"""A total wall-time limit for calls that talk to the network.

Per-read time-outs (``requests``' ``timeout``) restart with every byte, so a
server that trickles one byte every two seconds never trips a 3 s time-out.
:func:`call_with_deadline` runs the call in a worker thread and gives up after
``seconds`` of wall time, whatever the server does; ``on_timeout`` (run in a
thread of its own, as closing a connection may wait for the reader) can close
the connection so the worker ends after its current read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class DeadlineExceeded(TimeoutError):
    """The call did not finish within its wall-time deadline."""


def call_with_deadline(fn: Callable[[], T], seconds: float, *,
                       on_timeout: Callable[[], object] | None = None) -> T:
    """``fn()``, or :class:`DeadlineExceeded` once ``seconds`` have passed.

    Exceptions of ``fn`` are re-raised in the caller. The worker is a daemon
    thread, so a call that never returns cannot keep the process alive.
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as e:  # noqa: BLE001 (handed to the caller below)
            outcome["error"] = e

    worker = threading.Thread(target=run, name="atlas-deadline", daemon=True)
    worker.start()
    worker.join(max(seconds, 0.0))
    if worker.is_alive():
        if on_timeout is not None:  # in its own thread: closing may wait for a read lock
            threading.Thread(target=_quietly, args=(on_timeout,), daemon=True).start()
        raise DeadlineExceeded(seconds)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _quietly(fn: Callable[[], object]) -> None:
    try:
        fn()
    except Exception:  # noqa: BLE001 (closing is best effort)
        pass
