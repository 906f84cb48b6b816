"""The briefing's written paragraphs: catalog templates filled with the engine's numbers.

Templates, not a language model: every number comes from a status report, a
trajectory or a contribution bridge, formatted by monitor.i18n; the wording
lives in locales/briefing.<lang>.json in the register of a provincial report.
Which template applies follows the engine's own status (on track / watch /
lagging), so the words never disagree with the badge next to them.
"""

from __future__ import annotations

from monitor.core import i18n, marks
from monitor.core.engine import yardstick
from monitor.leader import views

POSITION = {"on_track": "ahead", "watch": "near", "lagging": "behind"}


def target_value(value: float | None, lang: str) -> str:
    """A target as reports print it: 14 -> '14%', 12.5 -> '12,5%'."""
    if value is None:
        return "–"
    digits = 0 if float(value).is_integer() else 1 if float(value * 10).is_integer() else 2
    return i18n.pct(value, lang, digits)


def _pp(value: float, lang: str) -> str:
    return i18n.number(abs(value), lang)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _target(report: dict, scope: str) -> dict | None:
    return next((t for t in report.get("targets", []) if t["scope"] == scope), None)


def position(target: dict, quarter: int, lang: str) -> str:
    """'thấp hơn kịch bản 6 tháng (11,36%) 0,33 điểm phần trăm' and its ahead / near / equal variants: the year to
    date against the cumulative scenario of the same period, named."""
    gap = target["gap_pp"]
    scenario = yardstick(target.get("period_pct"), target["annual_pct"], quarter)[1] == "scenario"
    period = i18n.period_label(quarter, lang)
    reference = (i18n.t("briefing.n.ref.scenario", lang, period=_lower_first(period) if lang == "vi" else period,
                        value=i18n.pct(target.get("period_pct"), lang)) if scenario else
                 i18n.t("briefing.n.ref.annual", lang, value=target_value(target["annual_pct"], lang)))
    case = "equal" if round(gap, 2) == 0 else POSITION.get(target["status"], "behind")
    if case == "ahead" and gap < 0:  # on track by the rules while a hair below: say so plainly
        case = "near"
    return i18n.t(f"briefing.n.pos.{case}", lang, reference=reference, gap=_pp(gap, lang))


def quarter_alone(report: dict, target: dict, lang: str) -> str:
    """' Riêng quý II tăng 11,2%, thấp hơn kịch bản của quý (12,14%) 0,94 điểm phần trăm.': the quarter against
    the quarter's own scenario (from Q2 on; Q1's is the year to date's); empty without one."""
    quarter, growth = report["quarter"], report.get("quarter_growth_pct")
    scenario, gap = target.get("quarter_period_pct"), target.get("quarter_gap_pp")
    if quarter == 1 or None in (growth, scenario, gap):
        return ""
    side = "equal" if round(gap, 2) == 0 else "above" if gap > 0 else "below"
    return " " + i18n.t(f"briefing.n.quarter.{side}", lang, quarter=i18n.t(f"briefing.n.quarter.q{quarter}", lang),
                        growth=i18n.pct(growth, lang), scenario=i18n.pct(scenario, lang), gap=_pp(gap, lang))


def headline(report: dict, lang: str) -> str:
    """Slide 1: growth to date against the provincial scenario and target, then the central target."""
    year, quarter = report["year"], report["quarter"]
    period = i18n.period_label(quarter, lang, year)
    ytd = report.get("ytd_growth_pct")
    if ytd is None:
        return i18n.t("briefing.n.head.no_data", lang, period=period)
    # the verb follows the vintage: ước đạt (estimate), sơ bộ đạt (preliminary), đạt (official)
    verb = {"preliminary": ".preliminary", "official": ".official"}.get(report.get("ytd_vintage") or "", "")
    start = i18n.t("briefing.n.head.start" + verb, lang, period=period, ytd=i18n.pct(ytd, lang))
    provincial, central = _target(report, "provincial"), _target(report, "central")
    if provincial is None or provincial["gap_pp"] is None:
        return start + i18n.t("briefing.n.head.no_target", lang)
    text = start + ", " + position(provincial, quarter, lang)
    rest = i18n.rest_label(quarter, lang)
    if quarter < 4 and provincial.get("required_rest_of_year_pct") is not None:
        text += i18n.t("briefing.n.required", lang, annual=target_value(provincial["annual_pct"], lang), rest=rest,
                       required=i18n.pct(provincial["required_rest_of_year_pct"], lang, 1))
    text += "." + quarter_alone(report, provincial, lang)
    if central is not None and central["gap_pp"] is not None:
        if quarter < 4 and central.get("required_rest_of_year_pct") is not None:
            text += " " + i18n.t("briefing.n.central.required", lang,
                                 annual=target_value(central["annual_pct"], lang), rest=rest,
                                 required=i18n.pct(central["required_rest_of_year_pct"], lang, 1))
        elif quarter == 4:
            side = "above" if central["gap_pp"] > 0 else "equal" if round(central["gap_pp"], 2) == 0 else "below"
            text += " " + i18n.t(f"briefing.n.central.{side}", lang,
                                 annual=target_value(central["annual_pct"], lang),
                                 gap=_pp(central["gap_pp"], lang))
    return text


def trajectory(path_rows: list[dict], year: int, quarter: int, scenario: dict[int, float], lang: str) -> str:
    """Slide 2: the year-to-date path quarter by quarter, against the scenario and last year."""
    this = {r["quarter"]: r["ytd_growth_pct"] for r in path_rows if r["year"] == year and r["quarter"] <= quarter}
    last = {r["quarter"]: r["ytd_growth_pct"] for r in path_rows if r["year"] == year - 1}
    if not this:
        return i18n.t("briefing.n.head.no_data", lang, period=i18n.period_label(quarter, lang, year))
    steps = i18n.t("briefing.n.sep", lang).join(
        i18n.t("briefing.n.path.step", lang, period=i18n.period_label(q, lang), value=i18n.pct(v, lang))
        for q, v in sorted(this.items()))
    text = i18n.t("briefing.n.path", lang, year=year, steps=steps)
    judged = [q for q in this if q in scenario]
    if judged:
        met = sum(1 for q in judged if round(this[q] - scenario[q], 6) >= 0)
        text += " " + i18n.t("briefing.n.path.scenario", lang, met=met, total=len(judged))
    now, before = this.get(quarter), last.get(quarter)
    if now is not None and before is not None:
        diff = now - before
        side = "higher" if diff > 0 else "lower" if diff < 0 else "same"
        text += " " + i18n.t(f"briefing.n.path.{side}", lang, last=year - 1, prev=i18n.pct(before, lang),
                             gap=_pp(diff, lang))
    return text


def contributions(report: dict, bridge: dict, lang: str) -> str:
    """Slide 3: each component's contribution in points, and the biggest change on last year."""
    parts = [s for s in report["sectors"] if s["parent_code"] == "TOTAL" and s["ytd_contribution_pp"] is not None]
    if not parts or report.get("ytd_growth_pct") is None:
        return i18n.t("briefing.n.head.no_data", lang, period=i18n.period_label(report["quarter"], lang,
                                                                                  report["year"]))
    parts.sort(key=lambda s: -s["ytd_contribution_pp"])
    listed = i18n.t("briefing.n.contrib.sep", lang).join(
        i18n.t("briefing.n.contrib.part", lang, name=_lower_first(s["name"]),
               value=i18n.number(s["ytd_contribution_pp"], lang)) for s in parts)
    text = i18n.t("briefing.n.contrib", lang, ytd=i18n.pct(report["ytd_growth_pct"], lang),
                  period=i18n.period_label(report["quarter"], lang, report["year"]), parts=listed)
    names = {s["sector_code"]: s["name"] for s in report["sectors"]}
    steps = [s for s in bridge["steps"] if s["change_pp"] is not None]
    if steps:
        up = max(steps, key=lambda s: s["change_pp"])
        down = min(steps, key=lambda s: s["change_pp"])
        if up["change_pp"] > 0:
            text += " " + i18n.t("briefing.n.contrib.up", lang, name=_lower_first(names[up["sector_code"]]),
                                 value=i18n.number(up["change_pp"], lang), last=bridge["start_year"])
        if down["change_pp"] < 0:
            text += " " + i18n.t("briefing.n.contrib.down", lang, name=_lower_first(names[down["sector_code"]]),
                                 value=i18n.number(abs(down["change_pp"]), lang), last=bridge["start_year"])
    return text


def localities(report: dict, lang: str) -> str:
    """Slide 4: how many localities meet their targets, the fastest and the slowest."""
    rows = [u for u in report["units"] if u["ytd_growth_pct"] is not None]
    if not rows:
        return i18n.t("briefing.n.units.none", lang)
    count = {s: sum(1 for u in rows if u["status"] == s) for s in ("on_track", "watch", "lagging")}
    best = max(rows, key=lambda u: u["ytd_growth_pct"])
    worst = min(rows, key=lambda u: u["ytd_growth_pct"])
    return i18n.t("briefing.n.units", lang, on_track=count["on_track"], total=len(rows), watch=count["watch"],
                  lagging=count["lagging"], best=best["name"], best_value=i18n.pct(best["ytd_growth_pct"], lang),
                  worst=worst["name"], worst_value=i18n.pct(worst["ytd_growth_pct"], lang))


def lagging(rows: list[dict], lang: str) -> str:
    """The lagging list's first slide: how many sectors and localities are flagged, and the worst of them."""
    if not rows:
        return i18n.t("briefing.n.lagging.none", lang)
    count = views.lagging_counts(rows)  # the count the lagging page and the exports show
    worst = rows[0]
    text = i18n.t("briefing.n.lagging", lang, sectors=count["sector"], units=count["unit"],
                  lagging=count["lagging"], watch=count["watch"])
    if worst["gap_pp"] is not None and worst["ytd_growth_pct"] is not None:
        way = "decline" if worst["ytd_growth_pct"] < 0 else "growth"
        text += " " + i18n.t(f"briefing.n.lagging.worst.{way}", lang, name=worst["name"],
                             ytd=i18n.pct(abs(worst["ytd_growth_pct"]), lang),
                             target=i18n.pct(worst["target_pct"], lang), gap=_pp(worst["gap_pp"], lang))
    return text


JUDGED = ("on_track", "watch", "lagging")  # statuses with a target behind them


def indicators(cards: list[dict], lang: str) -> str:
    """The indicators slide: how many of the judged indicators are on track, which need attention, and how
    many have a figure but no target (compared with last year only) or no figure yet."""
    judged = [c for c in cards if c["status"] in JUDGED]
    parts = []
    if judged:
        flagged = [c for c in judged if c["status"] in ("watch", "lagging")]
        parts.append(i18n.t("briefing.n.ind", lang, ok=len(judged) - len(flagged), total=len(judged)))
        parts.append(i18n.t("briefing.n.ind.flagged", lang, names=i18n.t("briefing.n.sep", lang).join(
            i18n.t("briefing.n.ind.item", lang, name=c["name"], value=c["value"], label=c["label"])
            for c in flagged)) if flagged else i18n.t("briefing.n.ind.all_ok", lang))
    for status, key in (("no_target", "briefing.n.ind.untargeted"), ("no_data", "briefing.n.ind.missing")):
        count = sum(1 for c in cards if c["status"] == status)
        if count:
            parts.append(i18n.t(key, lang, n=count))
    return " ".join(parts) if parts else i18n.t("briefing.n.ind.none", lang)


def annotated(notes: list[dict], year: int, quarter: int, lang: str) -> str:
    """The annotated events behind a quarter's figure (issue 16): those whose period meets the quarter itself,
    then those of the same quarter last year, the base it is compared with ('Quý III/2024 chịu ảnh hưởng của bão
    Yagi.'); empty when none."""
    parts = []
    for key, y in (("ann.n.this", year), ("ann.n.base", year - 1)):
        found = marks.covering(notes, y, quarter)
        if found:
            titles = i18n.t("briefing.n.sep", lang).join(
                _lower_first(marks.title(n, lang)) if lang == "vi" else marks.title(n, lang) for n in found)
            parts.append(i18n.t(key, lang, quarter=i18n.quarter_label(y, quarter, lang), titles=titles))
    return " ".join(parts)


def nowcast(found: dict | None, lang: str) -> str:
    """The next quarter, not yet published: the model's estimate and its range, said to be no official figure
    (issue 17; found is monitor/nowcast/service.next_quarter)."""
    if not found:
        return ""
    return i18n.t("nowcast.briefing", lang, quarter=i18n.quarter_label(found["year"], found["quarter"], lang),
                  months=found["months_used"], value=i18n.pct(found["nowcast_pct"], lang),
                  low=i18n.pct(found["band_low_pct"], lang), high=i18n.pct(found["band_high_pct"], lang))
