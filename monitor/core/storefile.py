"""The store's file on disk: one writer at a time across processes (so that a copy is never taken half-written),
a consistent copy, its identity (deleted or replaced?), free space, and which errors are the file's.

DuckDB changes its files only when a transaction commits (the write-ahead log, and a checkpoint when the log has
grown), when a connection opens (replaying a log) and when it closes (checkpointing). Store holds this lock around
each of those; a copy taken under it (copy_consistent) is the store as of its last whole write, which is how the
command line reads and backs up a store that the dashboard holds read-write (DuckDB itself lets no other process
open it then). The lock is a file beside the store, `<store>.writing`, locked with flock(2): the kernel releases
it when the process ends, however it ends.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

from monitor.core.errors import StoreBusyError, StoreFullError, StoreGoneError, StoreMissingError, StoreWriteError

MIN_FREE_MB = 64  # a write needs at least this much free disk ($MONITOR_MIN_FREE_MB): a checkpoint rewrites blocks
WAIT_S = 120.0  # a load of a million rows holds the lock for tens of seconds; a copy waits for it to end
_LOCAL = threading.local()
_THREADS: dict[str, threading.RLock] = {}
_GUARD = threading.Lock()


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".writing")


def wal_path(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def _thread_lock(key: str) -> threading.RLock:
    with _GUARD:
        return _THREADS.setdefault(key, threading.RLock())


@contextmanager
def held(db: Path, wait_s: float = WAIT_S):
    """Hold the store's write lock (re-entrant in one thread). Threads of one process queue on a lock of their
    own first: flock is held per open file, so two threads would otherwise both get it. A folder where the lock
    file cannot be made (read-only) is not locked: nothing can write there either."""
    key = str(Path(db).resolve())
    held_here = getattr(_LOCAL, "held", None)
    if held_here is None:
        held_here = _LOCAL.held = {}
    if held_here.get(key):
        held_here[key] += 1
        try:
            yield
        finally:
            held_here[key] -= 1
        return
    with _thread_lock(key):
        try:
            fd = os.open(lock_path(Path(db)), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            fd = None
        try:
            if fd is not None:
                deadline = time.monotonic() + wait_s
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() >= deadline:
                            raise StoreBusyError(str(db)) from None
                        time.sleep(0.05)
            held_here[key] = 1
            try:
                yield
            finally:
                held_here.pop(key, None)
        finally:
            if fd is not None:
                os.close(fd)  # releases the flock


def copy_consistent(db: Path, folder: Path) -> Path:
    """Copy the store file and its write-ahead log into folder under the write lock: the copy opens as the store
    was after its last whole write. Returns the copy's path."""
    db = Path(db)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / db.name
    with held(db):
        if not db.exists():
            raise StoreMissingError(str(db))
        shutil.copyfile(db, target)
        wal_path(target).unlink(missing_ok=True)
        if wal_path(db).exists():
            shutil.copyfile(wal_path(db), wal_path(target))
    return target


def identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file now; None when it is gone. A restore or a copy put in place is a new inode."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def min_free_bytes() -> int:
    try:
        return int(float(os.environ.get("MONITOR_MIN_FREE_MB", MIN_FREE_MB)) * 2**20)
    except ValueError:
        return MIN_FREE_MB * 2**20


def short_of_space(db: Path) -> bool:
    """Whether the disk holding the store has less free space than a write needs."""
    try:
        return shutil.disk_usage(Path(db).parent).free < min_free_bytes()
    except OSError:
        return False


def disk_full(exc: BaseException) -> bool:
    """Whether an error from DuckDB or the operating system says the disk is full."""
    text = str(exc).lower()
    return getattr(exc, "errno", None) == errno.ENOSPC or "no space left" in text or "disk is full" in text


def file_failure(exc: BaseException) -> bool:
    """An error of the file or the engine (not of the data or the SQL): the disk, a lost file, a fatal error."""
    if isinstance(exc, (duckdb.IOException, duckdb.FatalException, OSError)):
        return True
    return isinstance(exc, duckdb.Error) and ("could not write" in str(exc).lower() or disk_full(exc))


def named(exc: BaseException, db: Path, gone: bool) -> Exception:
    """The named failure for a write that failed because of the file or the engine."""
    if isinstance(exc, (StoreGoneError, StoreFullError, StoreWriteError)):
        return exc
    logging.getLogger("monitor.store").error("write to %s failed: %s", db, exc)
    if disk_full(exc):
        return StoreFullError(str(db))
    return StoreGoneError(str(db)) if gone else StoreWriteError(str(db))
