"""The accountability command line: owners load|list, actions add|check-in|list|export, notify --dry-run."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from monitor.accountability import demo
from monitor.core import auth
from monitor.core.store import ROOT

PASSWORD = "matkhau-canbo"


@pytest.fixture
def db(demo_copy, run_cli):
    assert run_cli("owners", "load-demo", db=demo_copy).returncode == 0
    return demo_copy


def test_the_demo_owners_file_is_what_the_generator_writes(tmp_path):
    assert demo.write(tmp_path) == 93
    assert (tmp_path / "owners.csv").read_bytes() == (ROOT / "data" / "demo" / "owners.csv").read_bytes()


def test_owners_list_json_and_load_a_file(db, run_cli, tmp_path):
    listed = json.loads(run_cli("owners", "list", "--json", db=db).stdout)
    assert len(listed) == 93
    assert {k: listed[0][k] for k in ("item_kind", "item_code", "owner", "body", "synthetic")} == {
        "item_kind": "sector", "item_code": "A", "owner": "so-nn-mt", "body": "Sở Nông nghiệp và Môi trường",
        "synthetic": True}
    path = tmp_path / "owners.csv"
    path.write_text("Loại;Mã;Mã cơ quan;Cơ quan chịu trách nhiệm;Chức danh;Họ tên;Thư điện tử\n"
                    "ngành;I;so-du-lich;Sở Du lịch;Giám đốc Sở;Lê Thị Cúc;sdl@quangninh.example\n", encoding="utf-8")
    done = run_cli("owners", "load", path, "--lang", "en", db=db)
    assert (done.returncode, done.stdout.strip()) == (
        0, "Owners loaded from owners.csv: 0 new, 1 changed, 0 unchanged.")


def test_actions_add_check_in_and_list_json(db, run_cli):
    added = run_cli("actions", "add", "--item", "unit:06652", "--deadline", "2026-03-31", "--text",
                    "Bàn giao mặt bằng", "--raised", "2025-4", "--lang", "en", db=db)
    assert (added.returncode, added.stdout.strip()) == (
        0, "Action 8 added (unit:06652, ubnd-06652, due 2026-03-31).")
    done = run_cli("actions", "check-in", 8, "--note", "Đã bàn giao", "--done", "--date", "2026-03-30",
                   "--today", "2026-04-02", "--lang", "en", db=db)
    assert (done.returncode, done.stdout.strip()) == (0, "Check-in 6 recorded on action 8: Done on time.")
    rows = json.loads(run_cli("actions", "list", "--owner", "ubnd-06652", "--json", "--today", "2026-04-02",
                              db=db).stdout)
    assert [{k: r[k] for k in ("id", "item_kind", "item_code", "owner", "deadline", "status", "raised_year",
                               "raised_quarter", "completed_on")} for r in rows] == [
        {"id": 8, "item_kind": "unit", "item_code": "06652", "owner": "ubnd-06652", "deadline": "2026-03-31",
         "status": "done_on_time", "raised_year": 2025, "raised_quarter": 4, "completed_on": "2026-03-30"}]
    assert rows[0]["gap_pp"] == 2.4146  # Hà Tu's gap at the 2025 Q4 review it was raised at (on track)
    overdue = json.loads(run_cli("actions", "list", "--overdue", "--json", "--today", "2026-01-15", db=db).stdout)
    assert [(r["id"], r["owner"], r["status"]) for r in overdue] == [
        (2, "so-xay-dung", "overdue"), (4, "so-xay-dung", "overdue"), (5, "ubnd-06778", "overdue")]


def test_an_officer_account_is_refused_out_of_scope_on_the_command_line(db, run_cli, tmp_path, monkeypatch):
    users = tmp_path / "users.toml"
    monkeypatch.setenv("MONITOR_USERS", str(users))
    auth.add_user("hatu", "officer", PASSWORD, users)
    assert run_cli("owners", "bind", "hatu", "ubnd-06652", db=db).returncode == 0
    refused = run_cli("actions", "check-in", 5, "--note", "sửa hộ", "--done", "--as", "hatu", "--lang", "en", db=db)
    assert (refused.returncode, refused.stderr.strip()) == (
        1, "Account hatu answers for: ubnd-06652; this action belongs to ubnd-06778. Nothing was written.")
    refused = run_cli("actions", "add", "--item", "unit:06652", "--deadline", "2026-03-31", "--text", "x", "--as",
                      "hatu", "--lang", "en", db=db)
    assert (refused.returncode, refused.stderr.strip()) == (1, "Account hatu (officer) may not add actions.")
    assert run_cli("users", "list").stdout.strip().endswith("hatu\tofficer\tpassword")


def test_the_register_exports_to_excel_with_formula_like_text_neutralised(db, run_cli, tmp_path):
    run_cli("actions", "add", "--item", "sector:B", "--deadline", "2026-03-31", "--text", "=HYPERLINK(\"x\")",
            db=db)
    out = tmp_path / "register.xlsx"
    assert run_cli("actions", "export", "--out", out, "--today", "2026-01-15", "--lang", "en", db=db).returncode == 0
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.values)
    assert rows[0] == ("No.", "Status", "Deadline", "Unit or sector", "Responsible body", "Action", "Completed",
                       "Raised at", "Gap when raised", "Expected effect", "Latest check-in")
    assert [r[5] for r in rows if r[0] == 8] == ["'=HYPERLINK(\"x\")"]
    assert len(rows) == 1 + 8


def test_notify_dry_run_json_says_what_would_go_to_whom(db, run_cli, monkeypatch):
    monkeypatch.delenv("MONITOR_SMTP_HOST", raising=False)
    out = run_cli("notify", "--dry-run", "--json", "--today", "2026-01-15", db=db)
    report = json.loads(out.stdout)
    assert (out.returncode, report["configured"], report["sent"]) == (0, False, 0)
    overdue = [(m["event"], m["to"], m["action_id"]) for m in report["messages"] if m["event"] == "overdue"]
    assert overdue == [("overdue", "so-xay-dung@demo.invalid", 2), ("overdue", "so-xay-dung@demo.invalid", 4),
                       ("overdue", "ubnd-06778@demo.invalid", 5)]
    assert sum(m["event"] == "digest" for m in report["messages"]) == 28 + 8  # owners of flagged communes and sectors
    sent = run_cli("notify", "--today", "2026-01-15", db=db)
    assert sent.returncode == 1 and "nothing sent" not in sent.stderr and "không gửi thư nào" in sent.stderr


def test_owners_csv_file_has_the_declared_columns():
    with open(ROOT / "data" / "demo" / "owners.csv", encoding="utf-8") as f:
        assert next(csv.reader(io.StringIO(f.readline()))) == ["item_kind", "item_code", "owner", "body",
                                                               "leader_title", "leader_name", "email"]
