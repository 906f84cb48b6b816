"""Accountability in the core: owners as data, the action register's statuses (QĐ 42/2014 vocabulary, computed,
never typed), check-ins kept as history, and officers who may write on their own owners' actions only."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.accountability import access, demo, owners, register
from monitor.accountability.rules import StatusRules
from monitor.core import auth
from monitor.core.errors import ValidationError
from monitor.core.store import Store

ADMIN = auth.User("quan", "admin")
ANALYST = auth.User("lan", "analyst")
VIEWER = auth.User("minh", "viewer")
HA_TU_OFFICER = auth.User("hatu", "officer")      # bound to ubnd-06652 below
INDUSTRY_OFFICER = auth.User("sct", "officer")    # bound to so-cong-thuong below
OWNERS_CSV = ("item_kind,item_code,owner,body,leader_title,leader_name,email\n"
              "unit,06652,ubnd-06652,UBND phường Hà Tu,Chủ tịch UBND phường,Nguyễn Văn An,hatu@example.org\n"
              "sector,C,so-cong-thuong,Sở Công Thương,Giám đốc Sở,Trần Văn Bình,sct@example.org\n"
              "sector,B,so-cong-thuong,Sở Công Thương,Giám đốc Sở,Trần Văn Bình,sct@example.org\n"
              "sector,I,so-du-lich,Sở Du lịch,Giám đốc Sở,Lê Thị Cúc,sdl@example.org\n")


@pytest.fixture
def acc(demo_copy, tmp_path):
    """The demo store with four owners and the two officers bound."""
    path = tmp_path / "owners.csv"
    path.write_text(OWNERS_CSV, encoding="utf-8")
    store = Store(demo_copy)
    owners.load(store, ADMIN, path)
    access.bind(store, ADMIN, "hatu", "ubnd-06652")
    access.bind(store, ADMIN, "sct", "so-cong-thuong")
    yield store
    store.close()


@pytest.mark.parametrize(("today", "completed", "status"), [
    ("2025-12-10", None, "not_due"),        # 21 days before the deadline
    ("2025-12-24", None, "due"),            # 7 days before: within the week
    ("2025-12-31", None, "due"),            # the deadline itself
    ("2026-01-01", None, "overdue"),        # the day after
    ("2026-01-30", None, "overdue"),        # 30 days past
    ("2026-01-31", None, "escalated"),      # 31 days past: reported up
    ("2026-03-01", "2025-12-31", "done_on_time"),
    ("2026-03-01", "2025-11-02", "done_on_time"),
    ("2026-03-01", "2026-01-02", "done_late"),
])
def test_an_actions_status_follows_its_deadline_and_completion_date(store, today, completed, status):
    rules = StatusRules.from_store(store)
    done = date.fromisoformat(completed) if completed else None
    assert rules.status(date(2025, 12, 31), done, date.fromisoformat(today)) == status


def test_owners_load_from_a_file_and_every_change_is_a_new_row(acc, tmp_path):
    assert [(o["item_kind"], o["item_code"], o["owner"], o["leader_name"]) for o in owners.in_force(acc)] == [
        ("sector", "B", "so-cong-thuong", "Trần Văn Bình"), ("sector", "C", "so-cong-thuong", "Trần Văn Bình"),
        ("sector", "I", "so-du-lich", "Lê Thị Cúc"), ("unit", "06652", "ubnd-06652", "Nguyễn Văn An")]
    assert owners.change(acc, ADMIN, item_kind="sector", item_code="I", owner="so-du-lich", body="Sở Du lịch",
                         leader_title="Giám đốc Sở", leader_name="Phạm Văn Đông", email="sdl@example.org") == {
        "new": 0, "changed": 1, "unchanged": 0}
    history = acc.records("owner_history", item_kind="sector", item_code="I")
    assert [(h["leader_name"], h["changed_by"], h["file_name"]) for h in history] == [
        ("Phạm Văn Đông", "quan", None), ("Lê Thị Cúc", "quan", "owners.csv")]
    again = tmp_path / "owners.csv"  # the same file again changes nothing
    assert owners.load(acc, ADMIN, again) == {"new": 0, "changed": 1, "unchanged": 3}


def test_an_owners_file_with_mistakes_names_every_one_and_loads_nothing(acc, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Loại;Mã;Mã cơ quan;Cơ quan chịu trách nhiệm;Thư điện tử\n"
                   "đơn vị;99999;ubnd-x;UBND X;x@example.org\n"
                   "ngành;C;So Cong Thuong;Sở Công Thương;sct@example.org\n"
                   "ngành;C;sct;;not-an-address\n"
                   "vùng;1;a;A;\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        owners.load(acc, ADMIN, bad)
    assert [(p.row, p.column, p.value, p.code) for p in err.value.problems] == [
        (2, "item_code", "99999", "acc.err.unknown_unit"),
        (3, "owner", "So Cong Thuong", "acc.err.bad_owner"),
        (4, "body", None, "acc.err.required"),
        (4, "email", "not-an-address", "acc.err.bad_email"),
        (4, "item_code", "C", "acc.err.duplicate_item"),
        (5, "item_kind", "vùng", "acc.err.bad_kind"),
    ]
    assert len(owners.in_force(acc)) == 4


def test_only_admins_change_owners(acc, tmp_path):
    for user in (ANALYST, VIEWER, HA_TU_OFFICER, None):
        with pytest.raises(access.NotAllowedError):
            owners.load(acc, user, tmp_path / "owners.csv")


def test_an_action_takes_its_items_owner_and_cites_its_review_and_gap(acc):
    new = register.add_action(acc, ANALYST, "unit", "06652", "Bàn giao mặt bằng khu đô thị", "2026-03-31",
                              raised=(2025, 4), gap_pp=-2.5, expected_effect_pp=0.3)
    row = register.action(acc, new, date(2026, 1, 10))
    assert {k: row[k] for k in ("item_kind", "item_code", "owner", "deadline", "status", "raised_year",
                                "raised_quarter", "gap_pp", "expected_effect_pp", "completed_on", "days_past")} == {
        "item_kind": "unit", "item_code": "06652", "owner": "ubnd-06652", "deadline": date(2026, 3, 31),
        "status": "not_due", "raised_year": 2025, "raised_quarter": 4, "gap_pp": -2.5, "expected_effect_pp": 0.3,
        "completed_on": None, "days_past": -80}


def test_an_action_needs_a_known_item_an_owner_a_text_and_a_date(acc):
    with pytest.raises(ValidationError) as err:
        register.add_action(acc, ANALYST, "sector", "Q", "  ", "31/03/2026")
    assert [p.code for p in err.value.problems] == ["acc.err.no_owner", "acc.err.text", "acc.err.bad_date"]
    with pytest.raises(ValidationError) as err:
        register.add_action(acc, ANALYST, "unit", "00000", "x", "2026-03-31", owner="nobody")
    assert [p.code for p in err.value.problems] == ["acc.err.unknown_item", "acc.err.unknown_owner"]


def test_check_ins_are_kept_as_history_and_the_first_done_completes(acc):
    new = register.add_action(acc, ANALYST, "sector", "C", "Khởi công nhà máy", "2026-01-31")
    register.check_in(acc, INDUSTRY_OFFICER, new, "Đã xong thiết kế", on="2026-01-10", today=date(2026, 1, 10))
    register.check_in(acc, INDUSTRY_OFFICER, new, "Đã khởi công", done=True, on="2026-02-03",
                      today=date(2026, 2, 3))
    register.check_in(acc, ANALYST, new, "Đã xác minh tại hiện trường", done=True, on="2026-02-10",
                      today=date(2026, 2, 10))
    assert [(str(c["checked_on"])[:10], c["done"], c["status"], c["user_name"])
            for c in register.checkins(acc, new)] == [
        ("2026-01-10", False, "not_due", "sct"), ("2026-02-03", True, "done_late", "sct"),
        ("2026-02-10", True, "done_late", "lan")]
    row = register.action(acc, new, date(2026, 6, 1))
    assert (row["completed_on"], row["status"], row["checkins"], row["last_note"]) == (
        date(2026, 2, 3), "done_late", 3, "Đã xác minh tại hiện trường")


def test_a_check_in_cannot_be_dated_in_the_future_or_be_empty(acc):
    new = register.add_action(acc, ANALYST, "sector", "C", "Khởi công nhà máy", "2026-01-31")
    with pytest.raises(ValidationError) as err:
        register.check_in(acc, ANALYST, new, "", on="2026-01-11", today=date(2026, 1, 10))
    assert [p.code for p in err.value.problems] == ["acc.err.future_date", "acc.err.text"]
    assert register.checkins(acc, new) == []


def test_an_officer_checks_in_on_its_own_owners_actions_and_on_no_one_elses(acc):
    mine = register.add_action(acc, ANALYST, "unit", "06652", "Giải phóng mặt bằng", "2026-03-31")
    theirs = register.add_action(acc, ANALYST, "sector", "I", "Mở tuyến du lịch mới", "2026-03-31")
    industry = register.add_action(acc, ANALYST, "sector", "B", "Cấp phép mỏ", "2026-03-31")
    assert register.check_in(acc, HA_TU_OFFICER, mine, "Đã bàn giao 5 ha", today=date(2026, 1, 5)) > 0
    for action_id in (theirs, industry):
        with pytest.raises(access.OutOfScopeError) as err:
            register.check_in(acc, HA_TU_OFFICER, action_id, "Tôi sửa hộ", done=True, today=date(2026, 1, 5))
        assert (err.value.user, err.value.mine) == ("hatu", ("ubnd-06652",))
        assert register.checkins(acc, action_id) == []
    register.check_in(acc, INDUSTRY_OFFICER, industry, "Đã nộp hồ sơ", today=date(2026, 1, 5))
    with pytest.raises(access.OutOfScopeError):
        register.check_in(acc, INDUSTRY_OFFICER, mine, "x", today=date(2026, 1, 5))


def test_officers_and_viewers_may_not_add_actions_and_viewers_may_not_check_in(acc):
    mine = register.add_action(acc, ANALYST, "unit", "06652", "Giải phóng mặt bằng", "2026-03-31")
    for user in (HA_TU_OFFICER, VIEWER, None):
        with pytest.raises(access.NotAllowedError):
            register.add_action(acc, user, "unit", "06652", "Việc tự giao", "2026-03-31")
    with pytest.raises(access.NotAllowedError):
        register.check_in(acc, VIEWER, mine, "x", today=date(2026, 1, 5))
    unbound = auth.User("khach", "officer")  # an officer bound to nothing writes nowhere
    with pytest.raises(access.OutOfScopeError):
        register.check_in(acc, unbound, mine, "x", today=date(2026, 1, 5))
    assert register.checkins(acc, mine) == []
    assert access.may(acc, HA_TU_OFFICER, "check_in", "ubnd-06652") is True
    assert access.may(acc, HA_TU_OFFICER, "check_in", "so-du-lich") is False


def test_the_officer_role_is_an_account_role():
    assert "officer" in auth.ROLES and "officer" not in auth.WRITERS
    assert not auth.User("hatu", "officer").can_upload


def test_the_register_lists_worst_first_and_filters(acc):
    late = register.add_action(acc, ANALYST, "sector", "B", "Cấp phép mỏ", "2025-12-01")
    soon = register.add_action(acc, ANALYST, "sector", "C", "Khởi công", "2026-01-12")
    done = register.add_action(acc, ANALYST, "unit", "06652", "Bàn giao", "2025-12-20")
    register.check_in(acc, ANALYST, done, "Xong", done=True, on="2025-12-18", today=date(2026, 1, 8))
    rows = register.actions(acc, date(2026, 1, 8))
    assert [(r["action_id"], r["status"]) for r in rows] == [(late, "escalated"), (soon, "due"),
                                                             (done, "done_on_time")]
    assert [r["action_id"] for r in register.select(rows, owner="so-cong-thuong")] == [late, soon]
    assert [r["action_id"] for r in register.select(rows, overdue=True)] == [late]
    assert register.counts(rows)[("sector", "B")] == {"open": 1, "overdue": 1, "done": 0, "total": 1}


def test_the_demo_ships_owners_for_every_unit_and_sector_marked_synthetic(demo_copy):
    with Store(demo_copy) as store:
        counts = demo.load(store)
        assert counts == {"new": 93, "changed": 0, "unchanged": 0, "actions": 7}
        assert demo.load(store) == {}  # once
        rows = owners.in_force(store)
        assert len(rows) == 1 + 13 + 54 + 25 and all(r["synthetic"] for r in rows)
        assert all(r["email"].endswith("@demo.invalid") for r in rows)
        by_item = {(r["item_kind"], r["item_code"]): r["body"] for r in rows}
        assert (by_item["unit", "06652"], by_item["sector", "B"], by_item["sector", "I"]) == (
            "UBND phường Hà Tu", "Sở Công Thương", "Sở Du lịch")
        assert [(r["action_id"], r["status"]) for r in register.actions(store, date(2026, 1, 15))] == [
            (2, "overdue"), (4, "overdue"), (5, "overdue"), (6, "not_due"), (7, "not_due"), (1, "done_late"),
            (3, "done_on_time")]
