"""Notifications through a real SMTP server: aiosmtpd on 127.0.0.1 receives what a load that turns a commune
lagging, an action past its deadline and the quarterly digest send; nothing is sent without a server."""

from __future__ import annotations

import email
import email.policy
from datetime import date

import pytest
from aiosmtpd.controller import Controller

from browser_support import free_port
from monitor.accountability import access, demo, mailer, notify, register
from monitor.core import auth
from monitor.core.engine import AsOf
from monitor.core.store import Store
from monitor.upload import ingest

ANALYST = auth.User("lan", "analyst")
TODAY = date(2026, 1, 15)
Q4 = AsOf(2025, 4)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, msg))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch):
    """A real SMTP server on a free loopback port, and the environment that points the mailer at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    for key, value in (("HOST", "127.0.0.1"), ("PORT", str(controller.port)),
                       ("TLS", "none"), ("SENDER", "tang-truong@quangninh.example")):
        monkeypatch.setenv(f"MONITOR_SMTP_{key}", value)
    monkeypatch.setenv("MONITOR_BASE_URL", "https://tang-truong.quangninh.example")
    yield inbox
    controller.stop()


@pytest.fixture
def acc(demo_copy):
    store = Store(demo_copy)
    demo.load(store)
    yield store
    store.close()


def lower_2025q4_of_unit(store, unit: str, factor: float, folder) -> None:
    """A load of revised 2025 Q4 figures for one commune (its TOTAL and the components, scaled together)."""
    rows = store.con.sql(f"SELECT sector_code, value FROM obs_in_force('latest') WHERE indicator = 'GRDP' "
                         f"AND unit_code = '{unit}' AND year = 2025 AND quarter = 4").fetchall()
    text = "indicator,unit_code,sector_code,year,quarter,value,vintage\n" + "".join(
        f"GRDP,{unit},{s},2025,4,{round(v * factor, 1)},official\n" for s, v in rows)
    (folder / "revision.csv").write_text(text, encoding="utf-8")
    ingest.load_observations(store, folder / "revision.csv", "lan")


def test_without_a_server_nothing_is_sent_and_it_is_said(acc, monkeypatch, tmp_path):
    for key in ("HOST", "PORT", "TLS", "SENDER"):
        monkeypatch.delenv(f"MONITOR_SMTP_{key}", raising=False)
    assert mailer.config(secrets=tmp_path / "none.toml") is None
    result = notify.run(acc, TODAY, cfg=None, as_of=Q4)
    assert (result["configured"], result["sent"], len(result["messages"]) > 0) == (False, 0, True)
    assert acc.records("notification_log") == [] and acc.records("notified_items") == []


def test_the_secrets_file_configures_the_server_and_the_environment_wins(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[smtp]\nhost = "mail.quangninh.example"\nport = 2525\ntls = "none"\n'
                       'sender = "a@quangninh.example"\n', encoding="utf-8")
    for key in ("HOST", "PORT", "TLS", "SENDER"):
        monkeypatch.delenv(f"MONITOR_SMTP_{key}", raising=False)
    assert mailer.config(secrets) == mailer.SmtpConfig("mail.quangninh.example", 2525, "none",
                                                       "a@quangninh.example")
    monkeypatch.setenv("MONITOR_SMTP_PORT", "587")
    monkeypatch.setenv("MONITOR_SMTP_TLS", "starttls")
    assert (mailer.config(secrets).port, mailer.config(secrets).tls) == (587, "starttls")


def test_a_load_that_turns_a_commune_lagging_emails_its_owner(acc, smtp, tmp_path):
    """Hà Tu (06652) is on track at 2025 Q4; a revision cutting its Q4 by a fifth turns it lagging."""
    first = notify.run(acc, TODAY, cfg=mailer.config(), as_of=Q4)  # the baseline: digests and overdue actions
    assert first["sent"] == len(first["messages"]) == len(smtp.messages)
    assert {m["event"] for m in first["messages"]} == {"digest", "overdue"}
    smtp.messages.clear()
    assert notify.pending(acc, TODAY, Q4) == []  # nothing new until something changes

    lower_2025q4_of_unit(acc, "06652", 0.8, tmp_path)
    result = notify.run(acc, TODAY, cfg=mailer.config(), as_of=Q4)
    assert [(m["event"], m["owner"], m["to"], m["outcome"]) for m in result["messages"]] == [
        ("turned_lagging", "ubnd-06652", "ubnd-06652@demo.invalid", "sent"),
        ("digest", "ubnd-06652", "ubnd-06652@demo.invalid", "sent")]
    (to, msg), _ = smtp.messages
    assert to == ["ubnd-06652@demo.invalid"]
    assert msg["Subject"] == "[Theo dõi tăng trưởng] Phường Hà Tu chuyển sang chậm (năm 2025)"
    assert msg["From"] == "tang-truong@quangninh.example"
    body = msg.get_content()
    assert body.startswith("Kính gửi Chủ tịch UBND phường Nguyễn Thị Dũng (UBND phường Hà Tu),")
    assert "Số liệu vừa nạp cho thấy Phường Hà Tu chuyển sang chậm: tăng trưởng năm 2025 đạt " in body
    assert "Chưa có hành động nào được ghi nhận." in body
    assert "Xem chi tiết: https://tang-truong.quangninh.example/dia-phuong?unit=06652&lang=vi&year=2025&quarter=4" \
        in body
    assert "DỮ LIỆU MINH HỌA" in body
    log = acc.records("notification_log")
    assert [(r["event"], r["owner"], r["outcome"]) for r in log[:2]] == [
        ("digest", "ubnd-06652", "sent"), ("turned_lagging", "ubnd-06652", "sent")]
    assert notify.pending(acc, TODAY, Q4) == []  # told once


def test_an_action_past_its_deadline_is_mailed_once_with_the_open_actions(acc, smtp):
    notify.run(acc, TODAY, cfg=mailer.config(), as_of=Q4)
    smtp.messages.clear()
    new = register.add_action(acc, ANALYST, "sector", "I", "Mở 3 tuyến du lịch biển đảo", "2026-01-20")
    assert notify.pending(acc, TODAY, Q4) == []
    later = date(2026, 1, 21)
    result = notify.run(acc, later, cfg=mailer.config(), as_of=Q4)
    assert [(m["event"], m["action_id"], m["to"]) for m in result["messages"]] == [
        ("overdue", new, "so-du-lich@demo.invalid")]
    (_, msg), = smtp.messages
    assert msg["Subject"] == f"[Theo dõi tăng trưởng] Hành động số {new} đã quá hạn"
    assert (f'Hành động số {new} cho Dịch vụ lưu trú và ăn uống đã quá hạn 2026-01-20: "Mở 3 tuyến du lịch biển '
            'đảo".') in msg.get_content()
    assert notify.run(acc, later, cfg=mailer.config(), as_of=Q4)["messages"] == []


def test_a_digest_lists_the_owners_flagged_items_worst_first_and_open_actions(acc, smtp):
    result = notify.run(acc, TODAY, cfg=mailer.config(), as_of=Q4)
    digest = next(m for m in result["messages"] if m["event"] == "digest" and m["owner"] == "so-cong-thuong")
    assert [(i["item_code"], i["status"]) for i in digest["items"]] == [
        ("B", "lagging"), ("D", "lagging"), ("KV2", "lagging"), ("S", "lagging")]
    assert digest["body"].splitlines()[2:8] == [
        "Tình hình năm 2025 của các đơn vị/ngành do Sở Công Thương chịu trách nhiệm:",
        "- Khai khoáng: Chậm, tăng trưởng 3,93%, mục tiêu 16,20%, chênh lệch −12,27 điểm %",
        "- Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí: Chậm, tăng trưởng "
        "9,71%, mục tiêu 16,20%, chênh lệch −6,49 điểm %",
        "- Công nghiệp và xây dựng: Chậm, tăng trưởng 11,74%, mục tiêu 16,20%, chênh lệch −4,46 điểm %",
        "- Hoạt động dịch vụ khác: Chậm, tăng trưởng 9,01%, mục tiêu 12,60%, chênh lệch −3,59 điểm %",
        ""]


def test_a_server_that_refuses_leaves_the_messages_logged_as_failed_and_due_again(acc, monkeypatch):
    cfg = mailer.SmtpConfig("127.0.0.1", 9, "none", "a@quangninh.example")  # nothing listens on port 9
    result = notify.run(acc, TODAY, cfg=cfg, as_of=Q4)
    assert result["sent"] == 0 and result["failed"] == len(result["messages"]) > 0
    assert {r["outcome"] for r in acc.records("notification_log")} == {"failed"}
    assert len(notify.pending(acc, TODAY, Q4)) == len(result["messages"])


def test_an_officer_account_reads_its_scope_from_the_store(acc):
    access.bind(acc, auth.User("quan", "admin"), "hatu", "ubnd-06652")
    assert access.owners_of(acc, "hatu") == ("ubnd-06652",)
    assert [r["owner"] for r in acc.records("officer_bindings")] == ["ubnd-06652"]


def test_a_load_that_widens_a_lagging_communes_gap_past_half_a_point_emails_its_owner(acc, smtp, tmp_path):
    notify.run(acc, TODAY, cfg=mailer.config(), as_of=Q4)
    smtp.messages.clear()
    lower_2025q4_of_unit(acc, "06778", 0.9, tmp_path)  # Quang Hanh, lagging at -10.84 points
    result = notify.run(acc, TODAY, cfg=mailer.config(), as_of=Q4)
    assert [(m["event"], m["owner"], m["actions"]) for m in result["messages"]] == [
        ("widened", "ubnd-06778", [5])]  # its digest for 2025 Q4 went out with the baseline
    (_, msg), = smtp.messages
    assert msg["Subject"] == "[Theo dõi tăng trưởng] Phường Quang Hanh: khoảng cách tới mục tiêu nới rộng (năm 2025)"
    body = msg.get_content()
    assert "Khoảng cách tới mục tiêu của Phường Quang Hanh nới rộng từ −10,84 điểm % lên " in body
    assert "- Số 5: Giải phóng mặt bằng khu du lịch nghỉ dưỡng, bàn giao cho nhà đầu tư (hạn 2025-12-31, Quá hạn)" \
        in body


def test_the_dashboard_ends_a_load_by_mailing_the_owners_when_a_server_is_configured(acc, smtp, monkeypatch,
                                                                                     tmp_path):
    import gc

    import streamlit as st

    from monitor import bridge

    auth.add_user("lan", "analyst", "matkhau-phan-tich", tmp_path / "users.toml")  # uploads on: the app writes
    monkeypatch.setenv("MONITOR_DB", str(acc.path))
    monkeypatch.setenv("MONITOR_TODAY", TODAY.isoformat())
    acc.close()  # the app's bridge opens the file itself
    st.cache_resource.clear()
    try:
        result = bridge.notify_after_load()
        assert result["sent"] == len(smtp.messages) > 0
        monkeypatch.delenv("MONITOR_SMTP_HOST")
        assert bridge.notify_after_load() is None
    finally:
        st.cache_resource.clear()
        gc.collect()
