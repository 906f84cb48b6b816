"""Named failures. Each carries every problem found, not only the first."""

from __future__ import annotations

import numbers
from dataclasses import dataclass

_VERBATIM = {"row", "other", "count", "year", "quarter", "min", "max"}  # identifiers, not quantities


class MonitorError(Exception):
    """Base of the errors the core raises on purpose."""


class StoreMissingError(MonitorError):
    """The store file does not exist (run `python -m monitor init`)."""


class StoreUnreachableError(StoreMissingError):
    """The shared store's PostgreSQL server does not answer (args: the URL without its password, the reason)."""


class StoreBusyError(MonitorError):
    """Another process holds the store's write lock."""


class StoreDamagedError(MonitorError):
    """The store file exists but cannot be read as a store (empty, another kind of file, a write-ahead log from
    another database, a file without the store's tables): restore a backup, or move it aside and run init."""


class StoreGoneError(MonitorError):
    """The store file was deleted or replaced while this process had it open; nothing was written."""


class StoreFullError(MonitorError):
    """The disk holding the store is full (or below the free space a write needs); nothing was written."""


class StoreWriteError(MonitorError):
    """A write failed for a reason of the disk or the database engine, not of the data; nothing was written."""


class WriteForbiddenError(MonitorError):
    """The account may not write (any more): reason "signed_out" (no account), "removed" (no longer in the accounts
    file) or "role" (its role, re-read at the moment of writing, does not write)."""

    def __init__(self, name: str | None, reason: str, role: str | None = None):
        self.name, self.reason, self.role = name, reason, role
        super().__init__(f"{name or 'anonymous'} may not write: {reason}" + (f" ({role})" if role else ""))


class BackupError(MonitorError):
    """A backup could not be written or read, or a restore was refused; the store is unchanged."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(code + (f" {params}" if params else ""))


@dataclass(frozen=True)
class Problem:
    """One problem in an input file: 1-based data row (None for the whole file)."""

    row: int | None
    column: str | None
    value: str | None
    code: str  # catalog key of the message, e.g. "err.unknown_code"
    params: tuple[tuple[str, object], ...] = ()
    severity: str = "error"  # or "warning"

    def message(self, lang: str = "vi") -> str:
        from monitor.core.i18n import number, t

        # numbers in messages follow the reader's language: 53.500 / 10,83 in Vietnamese
        params = {k: number(v, lang, 0 if float(v).is_integer() else 2)
                  if isinstance(v, numbers.Real) and not isinstance(v, bool) and k not in _VERBATIM else v
                  for k, v in self.params}
        return t(self.code, lang, **params)

    def as_dict(self, lang: str = "vi") -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "severity": self.severity,
            "message": self.message(lang),
        }


class ValidationError(MonitorError):
    """A file broke one or more upload rules; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the file")


class ConfirmationRequired(MonitorError):
    """The file is valid, but its warnings or vintage downgrades were not confirmed; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} item(s) need a confirmation")


class StalePreviewError(MonitorError):
    """Another load or rollback changed the store after the preview was made; nothing was written."""
