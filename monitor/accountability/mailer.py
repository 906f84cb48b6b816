"""Sending e-mail through a real SMTP server: where it is (environment, else the [smtp] section of
.streamlit/secrets.toml), and one connection per run. With no host configured nothing is sent, and callers say so.

Environment (each wins over the secrets file): MONITOR_SMTP_HOST, MONITOR_SMTP_PORT, MONITOR_SMTP_TLS (starttls,
ssl or none; default starttls), MONITOR_SMTP_SENDER, MONITOR_SMTP_USER, MONITOR_SMTP_PASSWORD, and
MONITOR_BASE_URL (the dashboard's address for the links in messages).
"""

from __future__ import annotations

import os
import smtplib
import ssl
import tomllib
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from monitor.core.store import ROOT

SECRETS = ROOT / ".streamlit" / "secrets.toml"
KEYS = ("host", "port", "tls", "sender", "user", "password", "base_url")
TLS = ("starttls", "ssl", "none")
DEFAULT_BASE_URL = "http://127.0.0.1:8501"
TIMEOUT_S = 20


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    tls: str
    sender: str
    user: str | None = None
    password: str | None = None
    base_url: str = DEFAULT_BASE_URL


def _secrets(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")).get("smtp", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def settings(secrets: Path = SECRETS) -> dict:
    """The raw settings: environment first, then the secrets file's [smtp] section."""
    found = _secrets(secrets)
    return {k: os.environ.get(f"MONITOR_{k.upper()}" if k == "base_url" else f"MONITOR_SMTP_{k.upper()}")
            or found.get(k) for k in KEYS}


def config(secrets: Path = SECRETS) -> SmtpConfig | None:
    """The mail server to use, or None when no host is configured (nothing is then sent)."""
    raw = settings(secrets)
    if not raw["host"]:
        return None
    tls = str(raw["tls"] or "starttls").lower()
    if tls not in TLS:
        raise ValueError(f"MONITOR_SMTP_TLS must be one of {', '.join(TLS)}, not {tls!r}")
    port = int(raw["port"] or (465 if tls == "ssl" else 587 if tls == "starttls" else 25))
    return SmtpConfig(str(raw["host"]), port, tls, str(raw["sender"] or f"growth-monitor@{raw['host']}"),
                      raw["user"] or None, raw["password"] or None,
                      str(raw["base_url"] or DEFAULT_BASE_URL).rstrip("/"))


def base_url(secrets: Path = SECRETS) -> str:
    return str(settings(secrets)["base_url"] or DEFAULT_BASE_URL).rstrip("/")


def message(cfg: SmtpConfig, to: str, subject: str, body: str, lang: str = "vi") -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = cfg.sender, to, subject
    msg["Content-Language"] = lang
    msg.set_content(body)
    return msg


def send(cfg: SmtpConfig, messages: list[EmailMessage]) -> list[str | None]:
    """Send each message over one connection; per message None when sent, else the error's text (a failure to
    connect fails them all)."""
    if not messages:
        return []
    try:
        if cfg.tls == "ssl":
            server = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=TIMEOUT_S, context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(cfg.host, cfg.port, timeout=TIMEOUT_S)
        with server:
            if cfg.tls == "starttls":
                server.starttls(context=ssl.create_default_context())
            if cfg.user:
                server.login(cfg.user, cfg.password or "")
            results = []
            for msg in messages:
                try:
                    server.send_message(msg)
                    results.append(None)
                except smtplib.SMTPException as exc:
                    results.append(f"{type(exc).__name__}: {exc}")
            return results
    except (OSError, smtplib.SMTPException) as exc:
        return [f"{type(exc).__name__}: {exc}"] * len(messages)
