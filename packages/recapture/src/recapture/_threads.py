"""Best-effort control of the BLAS thread count (numpy/scipy's OpenBLAS).

The fits here are many small matrix problems: BLAS threads only add
synchronisation, and in several processes they oversubscribe the cores.
Where the BLAS library can be found (Linux ``/proc/self/maps``) its thread
count is set to one for the duration of the work and then restored;
elsewhere nothing happens.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["single_threaded_blas", "limit_blas_threads"]

_PAIRS = (
    ("openblas_get_num_threads", "openblas_set_num_threads"),
    ("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
    ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
    ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
)
_LOCK = threading.Lock()
_DEPTH = 0
_SAVED: list[tuple[object, int]] = []


def _libraries() -> list[tuple[object, object]]:
    """(getter, setter) pairs of the loaded BLAS libraries."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as fh:
            paths = {ln.split()[-1] for ln in fh if "blas" in ln.lower() and ".so" in ln}
    except OSError:
        return []
    out = []
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get, set_ in _PAIRS:
            g, s = getattr(lib, get, None), getattr(lib, set_, None)
            if g is not None and s is not None:
                out.append((g, s))
    return out


def limit_blas_threads() -> None:
    """Set every loaded BLAS library to one thread (worker initialiser)."""
    for _, setter in _libraries():
        setter(1)  # type: ignore[operator]  # threadpoolctl/BLAS setters are found at run time


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Use one BLAS thread inside the block, restoring the previous counts."""
    global _DEPTH
    with _LOCK:
        if _DEPTH == 0:
            _SAVED.clear()
            for getter, setter in _libraries():
                _SAVED.append((setter, int(getter())))  # type: ignore[operator]  # threadpoolctl/BLAS setters are found at run time
                setter(1)  # type: ignore[operator]  # threadpoolctl/BLAS setters are found at run time
        _DEPTH += 1
    try:
        yield
    finally:
        with _LOCK:
            _DEPTH -= 1
            if _DEPTH == 0:
                for setter, n in _SAVED:
                    setter(n)  # type: ignore[operator]  # threadpoolctl/BLAS setters are found at run time
                _SAVED.clear()
