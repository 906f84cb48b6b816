"""Log-in limits (core/logins.py): growing waits, then a lockout, per name and per address; every attempt recorded;
one answer for an unknown name and a wrong password; kept across a restart (a file, not memory)."""

from __future__ import annotations

import stat

import pytest

from monitor.core import auth, logins

PASSWORD = "matkhau-quy4"


class Clock:
    def __init__(self, start: float = 1_760_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def users(tmp_path):
    path = tmp_path / "users.toml"
    auth.add_user("lan", "analyst", PASSWORD, path)
    return path


@pytest.fixture
def clock():
    return Clock()


def attempts(tmp_path, clock, **limits) -> logins.Attempts:
    return logins.Attempts(tmp_path / "logins.sqlite3", logins.Limits(**limits), clock)


def test_fifty_wrong_passwords_lock_the_account_and_every_one_is_recorded(tmp_path, users, clock):
    record = attempts(tmp_path, clock)
    answers = []
    for _ in range(50):  # one guess a second, as fast as a script would
        answers.append(logins.log_in("lan", "wrong-password", "203.0.113.7", record, users))
        clock.tick(1)
    assert all(a.user is None for a in answers)
    results = [r["result"] for r in reversed(record.recent(100))]
    assert len(results) == 50
    # 3 free failures, then waits of 2, 4, 8, 16 s (each guess inside a wait refused unchecked)
    assert results.count("bad_password") == 7 and results.count("refused") == 43
    assert results[:5] == ["bad_password", "bad_password", "bad_password", "refused", "bad_password"]
    # the right password does not get in while the waits run...
    late = logins.log_in("lan", PASSWORD, "203.0.113.7", record, users)
    assert late.user is None and late.refused and late.verdict.reason == "wait"
    # ...and ten failures in a row lock the name for 15 minutes
    for _ in range(3):
        clock.tick(61)
        logins.log_in("lan", "wrong-password", "203.0.113.7", record, users)
    locked = record.check("lan", "198.51.100.1")  # from any address
    assert not locked.allowed and locked.reason == "locked" and locked.by == "name"
    assert 14 * 60 < locked.wait_s <= 15 * 60
    clock.tick(10 * 60)
    assert logins.log_in("lan", PASSWORD, "198.51.100.1", record, users).user is None  # still locked
    clock.tick(5 * 60 + 1)
    assert logins.log_in("lan", PASSWORD, "198.51.100.1", record, users).user.name == "lan"
    assert record.check("lan", None).allowed  # a success starts the count again


def test_each_failure_after_a_lock_doubles_it_up_to_a_day(tmp_path, users, clock):
    record = attempts(tmp_path, clock, free_failures=20, lock_after=10, lock_minutes=15)
    for _ in range(10):
        logins.log_in("lan", "x" * 8, None, record, users)
    waits = []
    for _ in range(8):
        clock.tick(record.check("lan", None).wait_s + 1)  # the lock ends; the next guess fails again
        logins.log_in("lan", "x" * 8, None, record, users)
        waits.append(round(record.check("lan", None).wait_s / 60))
    assert waits == [30, 60, 120, 240, 480, 960, 1440, 1440]


def test_an_unknown_name_and_a_wrong_password_get_the_same_answer(tmp_path, users, clock):
    record = attempts(tmp_path, clock)
    for name in ("lan", "nobody"):
        answers = [logins.log_in(name, "wrong-password", None, record, users) for _ in range(4)]
        assert [(a.user, a.refused, a.verdict.reason, round(a.verdict.wait_s)) for a in answers] == [
            (None, False, None, 0), (None, False, None, 0), (None, False, "wait", 2), (None, True, "wait", 2)]
    # the record tells the admins which it was
    assert {r["name"]: r["result"] for r in record.recent() if r["result"] != "refused"} == {
        "lan": "bad_password", "nobody": "unknown_user"}


def test_many_names_from_one_address_lock_the_address(tmp_path, users, clock):
    record = attempts(tmp_path, clock, address_failures=30, address_minutes=15)
    for i in range(30):  # spraying: one guess per name stays under every name's own limit
        logins.log_in(f"user{i}", "wrong-password", "203.0.113.9", record, users)
        clock.tick(2)
    refused = logins.log_in("lan", PASSWORD, "203.0.113.9", record, users)
    assert refused.user is None and refused.verdict.by == "address" and refused.verdict.reason == "locked"
    assert logins.log_in("lan", PASSWORD, "198.51.100.2", record, users).user.name == "lan"  # another address
    clock.tick(15 * 60)
    assert logins.log_in("lan", PASSWORD, "203.0.113.9", record, users).user.name == "lan"  # the window moved on


def test_the_limits_survive_a_restart_and_an_admin_can_lift_them(tmp_path, users, clock):
    first = attempts(tmp_path, clock)
    for _ in range(10):
        logins.log_in("Lan", "wrong-password", None, first, users)  # names match whatever their case
        clock.tick(61)
    again = attempts(tmp_path, clock)  # a new process reads the same file
    assert again.check("lan", None).reason == "locked"
    [locked] = again.locked()
    assert locked | {"seconds": 0} == {"by": "name", "value": "lan", "reason": "locked", "seconds": 0}
    again.unlock("LAN", "an admin")
    assert again.check("lan", None).allowed
    assert again.recent(1)[0] | {"at": 0} == {"at": 0, "name": "lan", "address": "", "result": "unlocked",
                                               "detail": "an admin"}
    assert stat.S_IMODE((tmp_path / "logins.sqlite3").stat().st_mode) == 0o600


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("MONITOR_LOGIN_LOCK_AFTER", "5")
    monkeypatch.setenv("MONITOR_LOGIN_LOCK_MINUTES", "60")
    monkeypatch.setenv("MONITOR_LOGIN_FREE_FAILURES", "not a number")
    assert logins.Limits.from_env() == logins.Limits(lock_after=5, lock_minutes=60.0)


def test_the_record_lives_beside_the_accounts_file(tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR_USERS", str(tmp_path / "conf" / "users.toml"))
    assert logins.logins_path() == tmp_path / "conf" / "logins.sqlite3"
    monkeypatch.setenv("MONITOR_LOGINS", str(tmp_path / "elsewhere.sqlite3"))
    assert logins.logins_path() == tmp_path / "elsewhere.sqlite3"


def test_the_messages_of_the_form(clock):
    assert logins.limit_message(logins.Verdict(True), "en") is None
    assert logins.limit_message(logins.Verdict(False, 4.2, "wait", "name"), "en") == (
        "Too many failed log-ins for this account or from this address. Wait 4 seconds, then try again.")
    assert logins.limit_message(logins.Verdict(False, 899, "locked", "name"), "vi") == (
        "Đăng nhập sai quá nhiều lần với tài khoản này hoặc từ địa chỉ này: tạm khóa đăng nhập khoảng 15 phút. "
        "Quản trị viên có thể mở khóa.")


def test_the_logins_command_lists_and_unlocks(run_cli, tmp_path, monkeypatch, users):
    monkeypatch.setenv("MONITOR_USERS", str(users))
    record = logins.Attempts()
    for _ in range(10):
        record.record("lan", "203.0.113.7", "bad_password")
    out = run_cli("logins", "--json", "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert '"value": "lan"' in out.stdout and out.stdout.count('"result": "bad_password"') == 10
    assert run_cli("logins", "--unlock", "lan", "--lang", "en").stdout.strip() == "Log-in limits lifted for lan."
    assert logins.Attempts().check("lan", "203.0.113.7").allowed
