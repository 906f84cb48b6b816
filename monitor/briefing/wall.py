"""The wall mode's screens (issue 16): one idea per screen for an operations-centre display, built from the same
reports as the briefing, in the order of a playlist (monitor/annotations/playlists.py). A screen is data: key,
kind, title, value (the big number), label (what it is), text (one sentence), status, and a chart or None."""

from __future__ import annotations

import base64
from html import escape as esc

from monitor.accountability import followup, rules
from monitor.accountability import views as acc_views
from monitor.annotations import playlists
from monitor.briefing import narrative
from monitor.core import i18n, marks, reference
from monitor.core.engine import AsOf
from monitor.core.reference import PROVINCE
from monitor.core.store import Store
from monitor.leader import charts, drill, status, views, wording
from monitor.leader.fit import Fit

WALL = Fit(width=1280, height=500, scale=1.4, titled=False)   # a large screen seen from across a room
SERIES_SINCE = 2019


def _screen(key: str, kind: str, title: str, value: str, label: str, text: str, state: str | None = None,
            chart=None) -> dict:
    return {"key": key, "kind": kind, "title": title, "value": value, "label": label, "text": text,
            "status": state, "chart": chart}


def screens(store: Store, items: str, as_of: AsOf, lang: str, marked: list[dict],
            indicator: str = "GRDP", unit: str = PROVINCE) -> list[dict]:
    """The screens of a playlist's items at an as-of quarter, in order (a sector or locality item gives one screen
    per flagged row; the actions item none when the previous review made no commitment)."""
    labels = reference.labels(store, lang)
    report = wording.localized(status.report(store, indicator, unit, as_of), labels, lang)
    flagged = views.lagging(report, lang)
    out = []
    for kind, count in playlists.parse(items):
        if kind == "overview":
            out.append(_overview(report, lang))
        elif kind == "trajectory":
            out.append(_trajectory(store, report, as_of, lang, marked, indicator, unit))
        elif kind == "sectors":  # every flagged sector, or the N sections costing the most points (sectors:N)
            rows = views.costliest(flagged, "sector", count) if count else [r for r in flagged if r["kind"] == "sector"]
            out += [_item(store, r, as_of, lang, marked, indicator, unit) for r in rows]
        elif kind == "localities":
            out += [_item(store, r, as_of, lang, marked, indicator, unit)
                    for r in views.costliest(flagged, "unit", count)]
        elif kind == "actions":
            out += _actions(store, as_of, lang)
    return out


def _overview(report: dict, lang: str) -> dict:
    head = views.headline(report, lang)
    own = next((t for t in report.get("targets", []) if t["scope"] == "provincial"), None)
    return _screen("overview", "overview", i18n.t("wall.overview", lang), head["ytd"], head["ytd_label"],
                   narrative.headline(report, lang), own["status"] if own else None)


def _trajectory(store, report, as_of, lang, marked, indicator, unit) -> dict:
    path = status.trajectory_inputs(store, indicator, unit, as_of)
    rows = path["path"].to_dict("records")
    text = " ".join(filter(None, (narrative.trajectory(rows, as_of.year, as_of.quarter, path["scenario"], lang),
                                  narrative.annotated(marked, as_of.year, as_of.quarter, lang))))
    return _screen("trajectory", "trajectory", i18n.t("wall.trajectory", lang),
                   i18n.pct(report["ytd_growth_pct"], lang), i18n.period_label(as_of.quarter, lang, as_of.year),
                   text, chart=charts.trajectory(**path, lang=lang, fit=WALL, notes=marks.general(marked)))


def _item(store, r: dict, as_of: AsOf, lang: str, marked: list[dict], indicator: str, unit: str) -> dict:
    """A flagged sector or locality: its growth to date against its target, the points it costs, its reason and
    its quarterly series with the annotations that concern it."""
    code, sector = (r["code"], "TOTAL") if r["kind"] == "unit" else (unit, r["code"])
    frame = drill.growth_series(store, indicator, code, sector, as_of.vintage, until=as_of)
    frame = frame[frame["year"] >= SERIES_SINCE]
    chart = None
    if frame["ytd_growth_pct"].notna().sum() >= 2:
        chart = charts.growth_series(frame, "", lang, fit=WALL, notes=marks.general(marked, r["kind"], r["code"]))
    label = i18n.t("wall.item_label", lang, status=views.status_text(r["status"], lang),
                   target=i18n.pct(r["target_pct"], lang), gap=charts.signed(r["gap_pp"], lang))
    if r.get("shortfall_pp"):
        label += " · " + i18n.t("wall.cost", lang, cost=i18n.number(r["shortfall_pp"], lang))
    return _screen(f"{r['kind']}:{r['code']}", r["kind"], r["name"], i18n.pct(r["ytd_growth_pct"], lang), label,
                   r["reason"] or "", r["status"], chart)


def _actions(store: Store, as_of: AsOf, lang: str) -> list[dict]:
    found = followup.followup(store, as_of, rules.today())
    if not found["owners"]:
        return []
    table = acc_views.followup_table(found, lang)
    return [_screen("actions", "actions", i18n.t("acc.followup.title", lang), table["value"], table["label"],
                    table["text"], "lagging" if found["totals"]["overdue"] else "on_track")]


def version_text(version: tuple) -> str:
    """The data version as the wall shows it: the last batch, and how many were rolled back ('12', '12-1')."""
    _, batch, rolled = version[:3]
    return f"{batch}-{rolled}" if rolled else str(batch)


def bar_html(lang: str, clock: str, quarter: str, vintage: str, version: str, n: int, total: int,
             demo_label: str | None) -> str:
    """The line always on the wall: the clock, the as-of quarter and vintage, the data version, the counter."""
    demo = f'<span class="gm-wall-demo">{esc(demo_label)}</span>' if demo_label else ""
    return (f'<div class="gm-wall-bar"><span class="gm-wall-clock" data-testid="gm-wall-clock">{esc(clock)}</span>'
            f'<span>{esc(i18n.t("wall.as_of", lang, quarter=quarter, vintage=vintage))}</span>'
            f'<span data-testid="gm-wall-version">{esc(i18n.t("wall.version", lang, version=version))}</span>'
            f'{demo}<span class="gm-wall-count">{esc(i18n.t("wall.counter", lang, n=n, total=total))}</span></div>')


def screen_html(s: dict, tick: str, bar: str = "", svg: bytes | None = None) -> str:
    """The whole screen in one block as tall as the window: the bar, the screen's words in large type, and its
    chart as an image that shrinks or grows to the room left (so nothing is cut at 1024x768 and nothing is small
    at 1920x1080). data-screen and data-tick let a watcher (and the tests) see it change."""
    badge = f' gm-wall-{s["status"]}' if s["status"] else ""
    image = ("" if svg is None else '<img class="gm-wall-chart" alt="" src="data:image/svg+xml;base64,'
             + base64.b64encode(svg).decode() + '">')
    return (f'<div class="gm-wall-page">{bar}<div class="gm-wall" data-screen="{esc(s["key"])}" '
            f'data-tick="{esc(tick)}"><div class="gm-wall-head"><div class="gm-wall-title">{esc(s["title"])}</div>'
            f'<div class="gm-wall-value{badge}" data-testid="gm-wall-value">{esc(s["value"])}</div></div>'
            f'<div class="gm-wall-label">{esc(s["label"])}</div><div class="gm-wall-text">{esc(s["text"])}</div>'
            f'</div>{image}</div>')
