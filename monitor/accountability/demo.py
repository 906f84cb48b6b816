"""The demo's owners and a few actions (SYNTHETIC, labelled so wherever shown): the real bodies of the province
(the provincial People's Committee, its departments, the communes' and former districts' People's Committees)
with invented leaders' names and addresses at demo.invalid; actions raised at the 2025 Q3 review with check-ins.
`python -m monitor owners demo --out data/demo` writes the files; `init --demo` loads them (load())."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd

from monitor.accountability import owners, register
from monitor.accountability.items import gap_at
from monitor.core import auth
from monitor.core.reference import PROVINCE, REFORM_DATE, units_frame
from monitor.core.store import ROOT, Store

DEMO_DIR = ROOT / "data" / "demo"
DEMO_USER = auth.User("demo", "admin")
_DEPTS = {  # owner code -> body, leader's title
    "ubnd-tinh": ("UBND tỉnh Quảng Ninh", "Chủ tịch UBND tỉnh"),
    "so-nn-mt": ("Sở Nông nghiệp và Môi trường", "Giám đốc Sở"),
    "so-cong-thuong": ("Sở Công Thương", "Giám đốc Sở"),
    "so-xay-dung": ("Sở Xây dựng", "Giám đốc Sở"),
    "so-tai-chinh": ("Sở Tài chính", "Giám đốc Sở"),
    "so-du-lich": ("Sở Du lịch", "Giám đốc Sở"),
    "so-khcn": ("Sở Khoa học và Công nghệ", "Giám đốc Sở"),
    "so-noi-vu": ("Sở Nội vụ", "Giám đốc Sở"),
    "so-gd-dt": ("Sở Giáo dục và Đào tạo", "Giám đốc Sở"),
    "so-y-te": ("Sở Y tế", "Giám đốc Sở"),
    "so-vh-tt": ("Sở Văn hóa và Thể thao", "Giám đốc Sở"),
    "thue-tinh": ("Thuế tỉnh Quảng Ninh", "Trưởng Thuế tỉnh"),
}
SECTOR_OWNER = {"TOTAL": "ubnd-tinh", "KV1": "so-nn-mt", "A": "so-nn-mt", "KV2": "so-cong-thuong",
                "B": "so-cong-thuong", "C": "so-cong-thuong", "D": "so-cong-thuong", "E": "so-xay-dung",
                "F": "so-xay-dung", "KV3": "so-tai-chinh", "G": "so-cong-thuong", "H": "so-xay-dung",
                "I": "so-du-lich", "J": "so-khcn", "K": "so-tai-chinh", "L": "so-xay-dung", "M": "so-khcn",
                "N": "so-tai-chinh", "O": "so-noi-vu", "P": "so-gd-dt", "Q": "so-y-te", "R": "so-vh-tt",
                "S": "so-cong-thuong", "T": "so-noi-vu", "TAX": "thue-tinh"}
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
_MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Quang",
          "Sơn", "Thắng", "Trang", "Tuấn", "Yến")
# item, text, deadline, check-in date, note, done: raised at the 2025 Q3 review
ACTIONS = (
    ("sector:B", "Tháo gỡ thủ tục cấp phép khai thác mỏ than Hà Ráng mở rộng", "2025-11-30", "2025-12-15",
     "Đã cấp phép, chậm 15 ngày do chờ đánh giá tác động môi trường", True),
    ("sector:E", "Đưa nhà máy xử lý rác thải Cẩm Phả vào vận hành thương mại", "2025-12-31", "2025-12-20",
     "Chạy thử xong 80% hạng mục", False),
    ("sector:D", "Đóng điện trạm biến áp 110 kV khu công nghiệp Sông Khoai", "2025-10-31", "2025-10-28",
     "Đã đóng điện", True),
    ("sector:L", "Hoàn thành thủ tục giao đất 3 dự án nhà ở xã hội đã có chủ trương", "2025-12-31", "2025-12-22",
     "Đã giao đất 1/3 dự án; 2 dự án chờ định giá đất", False),
    ("unit:06778", "Giải phóng mặt bằng khu du lịch nghỉ dưỡng, bàn giao cho nhà đầu tư", "2025-12-31",
     "2025-12-10", "Đã bàn giao 12/20 ha", False),
    ("unit:06781", "Khởi công 2 dự án thương mại - dịch vụ đã chấp thuận chủ trương", "2026-06-30", None, None,
     False),
    ("unit:06760", "Đẩy nhanh giải ngân vốn đầu tư công, đạt 95% kế hoạch", "2027-03-31", None, None, False),
)


def _name(owner: str) -> str:
    h = int(hashlib.sha256(owner.encode()).hexdigest(), 16)
    return f"{_FAMILY[h % 10]} {_MIDDLE[h // 10 % 8]} {_GIVEN[h // 80 % 18]}"


def owner_rows() -> list[dict]:
    rows = []
    # one owner per code, under its newest name; none for a unit that ended before the reform (Hoành Bồ, 2019)
    units = units_frame().sort_values(["code", "valid_from"]).drop_duplicates("code", keep="last")
    units = units[pd.to_datetime(units["valid_to"]).isna()
                  | (pd.to_datetime(units["valid_to"]) >= pd.Timestamp(REFORM_DATE) - pd.Timedelta(days=1))]
    units = units.sort_values(["level", "code"])
    for u in units[units["level"].isin(["province", "former_district", "commune"])].itertuples():
        if u.level == "province" and u.code != PROVINCE:
            continue
        owner = "ubnd-tinh" if u.code == PROVINCE else f"ubnd-{u.code}"
        kind = "tỉnh" if u.code == PROVINCE else u.division_type
        body = f"UBND {kind} {u.name_vi.split(' ', len(kind.split()))[-1]}"
        rows.append({"item_kind": "unit", "item_code": u.code, "owner": owner, "body": body,
                     "leader_title": f"Chủ tịch UBND {kind}", "leader_name": _name(owner),
                     "email": f"{owner}@demo.invalid"})
    for code, owner in SECTOR_OWNER.items():
        body, title = _DEPTS[owner]
        rows.append({"item_kind": "sector", "item_code": code, "owner": owner, "body": body, "leader_title": title,
                     "leader_name": _name(owner), "email": f"{owner}@demo.invalid"})
    return rows


def write(out: Path = DEMO_DIR) -> int:
    """data/demo/owners.csv (byte-identical on every run); the number of rows."""
    rows = owner_rows()
    with open(out / "owners.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(owners.COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def loaded(store: Store) -> bool:
    return any(r["synthetic"] for r in owners.in_force(store))


def load(store: Store, folder: Path = DEMO_DIR) -> dict[str, int]:
    """The demo owners and actions, once (a store with demo owners already is left as it is)."""
    if loaded(store):
        return {}
    counts = owners.load(store, DEMO_USER, folder / "owners.csv", synthetic=True)
    for item, text, deadline, on, note, done in ACTIONS:
        kind, code = item.split(":")
        action_id = register.add_action(store, DEMO_USER, kind, code, text, deadline, raised=(2025, 3),
                                        gap_pp=gap_at(store, kind, code, 2025, 3), synthetic=True)
        if on:
            register.check_in(store, DEMO_USER, action_id, note, done, on=on, today=max(
                register.date.fromisoformat(on), register.date.today()))
    return {**counts, "actions": len(ACTIONS)}
