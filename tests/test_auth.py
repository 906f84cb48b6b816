"""Accounts: salted scrypt hashes in a file outside the repository, roles, the users command."""

from __future__ import annotations

import stat

from monitor.core import auth
from monitor.core.store import ROOT


def test_passwords_are_salted_hashes_never_plain_text(tmp_path):
    path = tmp_path / "users.toml"
    auth.add_user("lan", "analyst", "matkhau-quy4", path)
    auth.add_user("minh", "viewer", "matkhau-quy4", path)
    text = path.read_text()
    assert "matkhau-quy4" not in text
    users = auth.load_users(path)
    assert users["lan"].password != users["minh"].password           # same password, different salt
    assert users["lan"].password.startswith("scrypt:16384:8:1$")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_authenticate_checks_name_and_password(tmp_path):
    path = tmp_path / "users.toml"
    auth.add_user("lan", "analyst", "matkhau-quy4", path)
    assert auth.authenticate("lan", "matkhau-quy4", path).role == "analyst"
    assert auth.authenticate(" lan ", "matkhau-quy4", path).name == "lan"
    assert auth.authenticate("lan", "wrong-password", path) is None
    assert auth.authenticate("nobody", "matkhau-quy4", path) is None


def test_roles_and_whether_uploads_are_on(tmp_path):
    path = tmp_path / "users.toml"
    assert auth.load_users(path) == {} and not auth.uploads_enabled(path)
    auth.add_user("minh", "viewer", "matkhau-quy4", path)
    assert not auth.uploads_enabled(path)
    auth.add_user("lan@quangninh.gov.vn", "admin", None, path)       # an OpenID Connect account
    assert auth.uploads_enabled(path)
    assert auth.role_of("lan@quangninh.gov.vn", path) == "admin"
    assert auth.role_of("someone@else.vn", path) == "viewer"
    assert auth.authenticate("lan@quangninh.gov.vn", "", path) is None  # no password log-in for it
    assert auth.remove_user("minh", path) and not auth.remove_user("minh", path)


def test_the_default_accounts_file_is_outside_the_repository(monkeypatch):
    monkeypatch.delenv("MONITOR_USERS")
    assert auth.users_path().name == "users.toml"
    assert ROOT not in auth.users_path().parents


def test_users_command_adds_lists_and_removes_accounts(run_cli, tmp_path, monkeypatch):
    path = tmp_path / "conf" / "users.toml"
    monkeypatch.setenv("MONITOR_USERS", str(path))

    def users_cli(*args, stdin=None):
        return run_cli("users", *args, "--lang", "en", stdin=stdin)

    out = users_cli("add", "lan", "--role", "analyst", "--password-stdin", stdin="matkhau-quy4\n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"Account lan (analyst) saved in {path}."
    assert auth.authenticate("lan", "matkhau-quy4", path).role == "analyst"
    assert users_cli("add", "x", "--role", "admin", "--password-stdin", stdin="short\n").stderr \
        .strip() == "The password needs at least 8 characters."
    assert users_cli("list").stdout.strip() == "lan\tanalyst\tpassword"
    assert users_cli("remove", "lan").stdout.strip() == "Account lan removed."
    assert auth.load_users(path) == {}


def test_password_stdin_drops_a_windows_line_ending(run_cli, tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("MONITOR_USERS", str(path))
    for ending in ("\r\n", "\n", "\r", ""):
        out = run_cli("users", "add", "lan", "--role", "analyst", "--password-stdin", "--lang", "en",
                      stdin="matkhau-quy4" + ending)
        assert out.returncode == 0, out.stderr
        assert auth.authenticate("lan", "matkhau-quy4", path) is not None, repr(ending)
    run_cli("users", "add", "lan", "--role", "analyst", "--password-stdin", stdin=" matkhau quy4 \r\n")
    assert auth.authenticate("lan", " matkhau quy4 ", path) is not None  # spaces are part of a password


def test_the_accounts_file_is_read_again_when_it_changes(tmp_path):
    path = tmp_path / "users.toml"
    auth.add_user("lan", "analyst", "matkhau-quy4", path)
    assert auth.account("lan", path).role == "analyst"
    auth.add_user("lan", "viewer", "matkhau-quy4", path)  # saved at once: a new file in its place
    assert auth.account("lan", path).role == "viewer"
    auth.remove_user("lan", path)
    assert auth.account("lan", path) is None and auth.account(None, path) is None
