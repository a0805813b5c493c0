"""One BLAS thread for the kit's small matrices.

The networks in the course have at most a few hundred firms. For matrices that small a
multi-threaded BLAS (OpenBLAS, MKL) costs more in thread start-up and waiting than it
saves, and on a shared machine (a JupyterHub with many kernels, a 2-core Binder) its
spinning threads compete with the other kernels: an eigendecomposition of a 200 × 200
matrix measured 2.6 ms on one thread and 18 ms on two while another process kept a core
busy. Model and explorer code therefore runs inside :func:`one_blas_thread`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cache

from threadpoolctl import ThreadpoolController


@cache
def _controller() -> ThreadpoolController:
    # Created on first use, after numpy and scipy have loaded their BLAS libraries.
    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager:
    """A context in which BLAS calls use a single thread (about 10 µs to enter)."""
    return _controller().limit(limits=1, user_api="blas")
