"""Log-in limits and the record of every log-in: growing delays, then a lockout, per account name and per address.

Every attempt is recorded (when, the name typed, the address, the result) in a small SQLite file beside the
accounts file ($MONITOR_LOGINS, else logins.sqlite3 next to $MONITOR_USERS), not in the DuckDB store: it must be
written whether the dashboard holds the store read-only or read-write, a guessing attack must not queue behind a
load for the store's one writer, and the command line reads it while the dashboard serves. So a restart resets
nothing, and admins see the record on the Account page (`python -m monitor logins` on the server).

The limits key on the name as typed (lower case), whether or not such an account exists, so that the answers
never tell an unknown name from a wrong password. Defaults (each an environment variable, see Limits.from_env):
- per name: 3 failures free, then a wait before the next attempt of 2 s, doubling up to 60 s; from the 10th
  failure in a row the name is locked 15 minutes, and each failure after a lock doubles it (at most a day). A
  success or an admin's unlock starts the count again; failures older than a week are forgotten.
- per address: 30 failures within 15 minutes lock the address until it falls below that.
Attempts refused by a limit are recorded ("refused") but do not count as failures.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass, fields
from pathlib import Path

from monitor.core import auth

FAILED = ("unknown_user", "bad_password")
_FAILED_IN = "result IN (" + ", ".join("?" * len(FAILED)) + ")"  # bound, never formatted in
RESULTS = ("ok", *FAILED, "refused", "unlocked", "oidc")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS logins (
    id      INTEGER PRIMARY KEY,
    at      REAL NOT NULL,         -- seconds since the epoch (UTC)
    name    TEXT NOT NULL,         -- as typed, lower case, at most 100 characters
    address TEXT NOT NULL,         -- the client's address ('' when unknown)
    result  TEXT NOT NULL,         -- ok | unknown_user | bad_password | refused | unlocked | oidc
    detail  TEXT NOT NULL DEFAULT ''  -- refused: 'wait' or 'locked'; unlocked: the admin
);
CREATE INDEX IF NOT EXISTS logins_name ON logins (name, at);
CREATE INDEX IF NOT EXISTS logins_address ON logins (address, at);
"""
DAY = 86400.0
FORGET_AFTER = 7 * DAY  # failures older than this no longer count (longer than the longest lock)


@dataclass(frozen=True)
class Limits:
    free_failures: int = 3         # MONITOR_LOGIN_FREE_FAILURES
    first_wait_s: float = 2.0      # MONITOR_LOGIN_FIRST_WAIT_S, doubled with each further failure
    max_wait_s: float = 60.0       # MONITOR_LOGIN_MAX_WAIT_S
    lock_after: int = 10           # MONITOR_LOGIN_LOCK_AFTER failures in a row lock the name
    lock_minutes: float = 15.0     # MONITOR_LOGIN_LOCK_MINUTES, doubled by each failure after a lock
    address_failures: int = 30     # MONITOR_LOGIN_ADDRESS_FAILURES within address_minutes lock the address
    address_minutes: float = 15.0  # MONITOR_LOGIN_ADDRESS_MINUTES
    keep_days: float = 365.0       # MONITOR_LOGIN_KEEP_DAYS: older records are deleted

    @classmethod
    def from_env(cls) -> Limits:
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"MONITOR_LOGIN_{f.name.upper()}")
            if raw:
                try:
                    values[f.name] = type(getattr(cls, f.name))(float(raw))
                except ValueError:
                    pass
        return cls(**values)


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may be made now; when not, why ("wait" or "locked", by "name" or "address") and for how
    many seconds."""

    allowed: bool
    wait_s: float = 0.0
    reason: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class Outcome:
    user: auth.User | None
    verdict: Verdict  # the limit as it stands after this attempt (refused, or the wait a failure started)
    refused: bool = False  # True: a limit refused the attempt before the password was looked at


def logins_path() -> Path:
    env = os.environ.get("MONITOR_LOGINS")
    return Path(env) if env else auth.users_path().with_name("logins.sqlite3")


def key(name: str | None) -> str:
    return (name or "").strip().lower()[:100]


class Attempts:
    """The record of log-ins and the limits read from it. clock: seconds since the epoch (tests pass their own)."""

    def __init__(self, path: Path | None = None, limits: Limits | None = None, clock=time.time):
        self.path = path or logins_path()
        self.limits = limits or Limits.from_env()
        self.clock = clock

    def _connect(self) -> sqlite3.Connection:
        new = not self.path.exists()
        if new:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))  # only the server's account reads it
        con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        if new:
            con.execute("PRAGMA journal_mode=WAL")
        con.executescript(_SCHEMA)
        return con

    def record(self, name: str | None, address: str | None, result: str, detail: str = "") -> None:
        """Raises sqlite3.Error when the record cannot be written (a full disk): the log-in is then refused."""
        assert result in RESULTS, result
        now = self.clock()
        with closing(self._connect()) as con:
            con.execute("INSERT INTO logins (at, name, address, result, detail) VALUES (?, ?, ?, ?, ?)",
                        (now, key(name), (address or "")[:100], result, detail[:100]))
            if int(now) % 97 == 0:  # now and then, not on every attempt
                con.execute("DELETE FROM logins WHERE at < ?", (now - self.limits.keep_days * DAY,))

    def check(self, name: str | None, address: str | None) -> Verdict:
        """May an attempt for this name from this address be made now?"""
        if not self.path.exists():
            return Verdict(True)
        now, lim = self.clock(), self.limits
        with closing(self._connect()) as con:
            since = con.execute(
                "SELECT max(at) FROM logins WHERE name = ? AND result IN ('ok', 'unlocked', 'oidc')",
                (key(name),)).fetchone()[0] or 0.0
            failed = [r[0] for r in con.execute(
                f"SELECT at FROM logins WHERE name = ? AND at > ? AND {_FAILED_IN} ORDER BY at",
                (key(name), max(since, now - FORGET_AFTER), *FAILED)).fetchall()]
            by_address = [] if not address else [r[0] for r in con.execute(
                f"SELECT at FROM logins WHERE address = ? AND at > ? AND {_FAILED_IN} ORDER BY at",
                (address, now - lim.address_minutes * 60, *FAILED)).fetchall()]
        found = []
        if len(failed) >= lim.lock_after:
            minutes = lim.lock_minutes * 2 ** min(len(failed) - lim.lock_after, 20)
            found.append(Verdict(False, failed[-1] + min(minutes * 60, DAY) - now, "locked", "name"))
        elif len(failed) >= lim.free_failures:
            wait = min(lim.first_wait_s * 2 ** (len(failed) - lim.free_failures), lim.max_wait_s)
            found.append(Verdict(False, failed[-1] + wait - now, "wait", "name"))
        if len(by_address) >= lim.address_failures:
            oldest = by_address[len(by_address) - lim.address_failures]  # the window drops it first
            found.append(Verdict(False, oldest + lim.address_minutes * 60 - now, "locked", "address"))
        waiting = [v for v in found if v.wait_s > 0]
        return max(waiting, key=lambda v: v.wait_s) if waiting else Verdict(True)

    def recent(self, limit: int = 200) -> list[dict]:
        """The latest records, newest first: at (epoch seconds), name, address, result, detail."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as con:
            con.row_factory = sqlite3.Row
            return [dict(r) for r in con.execute(
                "SELECT at, name, address, result, detail FROM logins ORDER BY at DESC, id DESC LIMIT ?",
                (limit,)).fetchall()]

    def locked(self) -> list[dict]:
        """The names and addresses refused now: name or address, reason, seconds left."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as con:
            recent = con.execute(f"SELECT DISTINCT name, address FROM logins WHERE at > ? AND {_FAILED_IN}",
                                 (self.clock() - FORGET_AFTER, *FAILED)).fetchall()
        found = {}
        for name, address in recent:
            for who, verdict in (("name", self.check(name, None)), ("address", self.check("", address))):
                if not verdict.allowed and verdict.by == who:
                    value = name if who == "name" else address
                    found[(who, value)] = {"by": who, "value": value, "reason": verdict.reason,
                                           "seconds": round(verdict.wait_s)}
        return sorted(found.values(), key=lambda r: (r["by"], r["value"]))

    def unlock(self, name: str, by: str) -> None:
        """An admin lifts the limits on a name (the count of failures starts again)."""
        self.record(name, "", "unlocked", by)


def log_in(name: str, password: str, address: str | None, attempts: Attempts | None = None,
           users: Path | None = None) -> Outcome:
    """Check the limits, then the password; record the attempt either way. The same answer (user None, and the
    limit as it now stands) for an unknown name and a wrong password."""
    attempts = attempts or Attempts()
    verdict = attempts.check(name, address)
    if not verdict.allowed:
        attempts.record(name, address, "refused", verdict.reason or "")
        return Outcome(None, verdict, refused=True)
    user = auth.authenticate(name, password, users)
    if user is not None:
        attempts.record(name, address, "ok")
        return Outcome(user, Verdict(True))
    known = auth.account((name or "").strip(), users) is not None
    attempts.record(name, address, "bad_password" if known else "unknown_user")
    return Outcome(None, attempts.check(name, address))


def records_frame(rows: list[dict], lang: str):
    """The record as the admins' table: time (UTC), name typed, address, result in the reader's language."""
    import pandas as pd

    from monitor.core import i18n

    when = [time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(r["at"])) for r in rows]
    result = [i18n.t(f"ops.logins.result.{r['result']}", lang) + (f" ({r['detail']})" if r["detail"] else "")
              for r in rows]
    return pd.DataFrame({i18n.t("ops.logins.col.at", lang): when,
                         i18n.t("ops.logins.col.name", lang): [r["name"] for r in rows],
                         i18n.t("ops.logins.col.address", lang): [r["address"] for r in rows],
                         i18n.t("ops.logins.col.result", lang): result})


def limit_message(verdict: Verdict, lang: str) -> str | None:
    """What the log-in form says about a limit (None when there is none to tell)."""
    from monitor.core import i18n

    if verdict.reason == "unavailable":
        return i18n.t("ops.login.unavailable", lang)
    if verdict.allowed or verdict.wait_s <= 0:
        return None
    if verdict.reason == "locked":
        return i18n.t("ops.login.locked", lang, minutes=max(1, round(verdict.wait_s / 60)))
    return i18n.t("ops.login.wait", lang, seconds=max(1, round(verdict.wait_s)))
