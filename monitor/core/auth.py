"""Accounts and roles: viewers read, analysts and admins also load and roll back.

Accounts live in a TOML file outside the repository ($MONITOR_USERS, else
~/.config/growth-monitor/users.toml), written by `python -m monitor users add`.
Passwords are stored as salted scrypt hashes (standard library). Accounts that
sign in through Streamlit's OpenID Connect log-in (st.login) are listed by their
e-mail with a role and no password. With no analyst or admin account, uploads
are off and the dashboard stays readable for everyone.

An open session does not keep the rights it logged in with: require_writer
re-reads the account at the moment of every write (upload, rollback, target
edits...), so a removed or demoted account can read on but not write.
Log-in limits and the record of log-ins: core/logins.py.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import re
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

from monitor.core.errors import WriteForbiddenError

ROLES = ("viewer", "analyst", "admin")
WRITERS = ("analyst", "admin")
ROLES += ("officer",)  # bound to owners in the store, checked on every write: monitor/accountability/access.py
ANY_WRITER = WRITERS + ("officer",)  # roles that write something (an officer: the action register only)
_NAME = re.compile(r"^[A-Za-z0-9._@+-]{1,100}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD = 8


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password: str | None = None  # "scrypt:n:r:p$salt$hash"; None for OpenID Connect accounts

    @property
    def can_upload(self) -> bool:
        return self.role in WRITERS


def users_path() -> Path:
    env = os.environ.get("MONITOR_USERS")
    return Path(env) if env else Path.home() / ".config" / "growth-monitor" / "users.toml"


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt:{_SCRYPT['n']}:{_SCRYPT['r']}:{_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        params, salt, digest = stored.split("$")
        _, n, r, p = params.split(":")
        got = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(digest) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


_DUMMY = hash_password("not a password")  # unknown names cost the same time as wrong passwords


def load_users(path: Path | None = None) -> dict[str, User]:
    path = path or users_path()
    try:
        found = path.stat()
    except FileNotFoundError:
        return {}
    # read again whenever the file changes (every save replaces it: a new inode), else from memory: pages ask
    # for the signed-in account on every run
    return dict(_parsed(str(path), found.st_ino, found.st_mtime_ns, found.st_size))


@functools.lru_cache(maxsize=8)
def _parsed(path: str, inode: int, mtime_ns: int, size: int) -> tuple[tuple[str, User], ...]:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8")).get("users", {})
    return tuple((name, User(name, spec.get("role", "viewer"), spec.get("password"))) for name, spec in data.items()
                 if spec.get("role") in ROLES)


def account(name: str | None, path: Path | None = None) -> User | None:
    """The account as the accounts file has it now (None: no such account)."""
    return load_users(path).get(name) if name else None


def require_writer(name: str | None, roles: tuple[str, ...] = WRITERS, path: Path | None = None) -> User:
    """The account, read again now, when its role may write (roles); else WriteForbiddenError: "signed_out" with
    no name, "removed" when the account is gone, "role" when its role is not among roles. Every write from the
    dashboard calls this at the moment of writing, whatever the session was allowed when it logged in."""
    if not name:
        raise WriteForbiddenError(None, "signed_out")
    found = account(name, path)
    if found is None:
        raise WriteForbiddenError(name, "removed")
    if found.role not in roles:
        raise WriteForbiddenError(name, "role", found.role)
    return found


def uploads_enabled(path: Path | None = None) -> bool:
    return any(u.can_upload for u in load_users(path).values())


def writes_enabled(path: Path | None = None) -> bool:
    """Some account may write (an upload, or an officer's check-in): the app then opens the store read-write."""
    return any(u.role in ANY_WRITER for u in load_users(path).values())


def authenticate(name: str, password: str, path: Path | None = None) -> User | None:
    """The account when the password matches; None otherwise (same cost either way)."""
    user = load_users(path).get(name.strip())
    ok = check_password(password, user.password if user and user.password else _DUMMY)
    return user if ok and user is not None and user.password else None


def role_of(email: str | None, path: Path | None = None) -> str:
    """Role of an OpenID Connect user by e-mail; anyone else signed in is a viewer."""
    user = load_users(path).get(email or "")
    return user.role if user else "viewer"


def _write(users: dict[str, User], path: Path) -> None:
    lines = ["# Growth Monitor accounts: `python -m monitor users add NAME --role analyst`.",
             "# Passwords are salted scrypt hashes; accounts without one sign in with OpenID Connect.", ""]
    for u in sorted(users.values(), key=lambda u: u.name):
        lines.append(f'[users."{u.name}"]')
        lines.append(f'role = "{u.role}"')
        if u.password:
            lines.append(f'password = "{u.password}"')
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.replace(tmp, path)


def add_user(name: str, role: str, password: str | None, path: Path | None = None) -> User:
    """Create or update an account; password None makes an OpenID Connect (e-mail) account."""
    path = path or users_path()
    if not _NAME.match(name):
        raise ValueError("bad_name")
    if role not in ROLES:
        raise ValueError("bad_role")
    if password is not None and len(password) < MIN_PASSWORD:
        raise ValueError("short_password")
    users = load_users(path)
    users[name] = User(name, role, hash_password(password) if password is not None else None)
    _write(users, path)
    return users[name]


def remove_user(name: str, path: Path | None = None) -> bool:
    path = path or users_path()
    users = load_users(path)
    if users.pop(name, None) is None:
        return False
    _write(users, path)
    return True
