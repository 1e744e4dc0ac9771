"""Giving freed heap memory back to the system.

numpy's temporaries of a few hundred kilobytes to a few megabytes come from the C heap, and
glibc keeps what they free (fragments between live blocks): at 240,000 per side the candidate
search left about 250 MB that the process held but did not use, and the solver's and the
result's memory came on top of it. `malloc_trim` returns those pages; the engine calls it
between its steps and now and then during the search. A few milliseconds each; elsewhere than
glibc a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    return trim


_TRIM = _malloc_trim()


def release_memory() -> None:
    """Return the free pages of the heap to the system."""
    if _TRIM is not None:
        _TRIM(0)
