"""Words and display values for the nowcast: the command line's JSON and text, the pages' sentences and tables."""

from __future__ import annotations

from monitor.core import i18n
from monitor.nowcast.evaluate import BENCHMARKS
from monitor.nowcast.inputs import quarter_of
from monitor.nowcast.service import month_text


def _quarter_text(qi: int | None) -> str | None:
    return None if qi is None else "{}-{}".format(*quarter_of(qi))


def json_view(report: dict) -> dict:
    """`nowcast --json`: the report as it is (numbers and codes)."""
    return report


def track_rows(rows: list[dict]) -> list[dict]:
    """The record's rows with year, quarter and as-of month instead of indexes."""
    out = []
    for r in rows:
        year, quarter = quarter_of(r["quarter_index"])
        out.append({"year": year, "quarter": quarter, "as_of_month": month_text(r["as_of"]),
                    **{k: v for k, v in r.items() if k not in ("quarter_index", "as_of")}})
    return out


def eval_json(found: dict) -> dict:
    """`nowcast-eval --json`: n_quarters, rmse_pp, mae_pp, by_month, benchmarks (name -> rmse_pp), the rows."""
    return {**{k: v for k, v in found.items() if k not in ("rows", "first_quarter_index", "last_quarter_index")},
            "from": _quarter_text(found["first_quarter_index"]), "to": _quarter_text(found["last_quarter_index"]),
            "rows": track_rows(found["rows"])}


def method_name(method: str, lang: str) -> str:
    return i18n.t(f"nowcast.method.{method}", lang)


def indicator_name(code: str, names: dict[str, str], lang: str) -> str:
    return i18n.t("nowcast.news.model_update", lang) if code == "model_update" else names.get(code, code)


def headline(report: dict, lang: str) -> dict:
    """The estimate's display strings: value, band, how it was made, whether the model was shown."""
    quarter = i18n.quarter_label(report["year"], report["quarter"], lang)
    y, m = (int(p) for p in report["as_of_month"].split("-"))
    out = {
        "quarter": quarter, "label": i18n.t("nowcast.label", lang), "value": i18n.pct(report["nowcast_pct"], lang),
        "band": i18n.t("nowcast.band", lang, low=i18n.pct(report["band_low_pct"], lang),
                       high=i18n.pct(report["band_high_pct"], lang)) if report["band_pp"] is not None
        else i18n.t("nowcast.no_band", lang),
        "basis": i18n.t("nowcast.basis", lang, months=report["months_used"], month=f"{m:02d}/{y}",
                        method=method_name(report["method"], lang)),
        "not_official": i18n.t("nowcast.not_official", lang),
        "ytd": i18n.t("nowcast.ytd", lang, period=i18n.period_label(report["quarter"], lang, report["year"]),
                      value=i18n.pct(report["ytd_nowcast_pct"], lang))
        if report["ytd_nowcast_pct"] is not None and report["quarter"] > 1 else None,  # Q1: the quarter itself
        "fallback": None,
    }
    if report["method"] != "model":
        out["fallback"] = i18n.t("nowcast.fallback", lang, k=report["month_of_quarter"],
                                 model=i18n.pct(report["model_pct"], lang),
                                 name=method_name(report["method"], lang))
    return out


def probability_lines(report: dict, lang: str) -> list[str]:
    """'Xác suất đạt 14% cả năm 2026: 3%' per scope; a sentence when the year has no target."""
    if not report["probability_reaching"]:
        return [i18n.t("nowcast.no_target", lang, year=report["year"])] if report["nowcast_pct"] is not None else []
    return [i18n.t(f"nowcast.probability.{p['scope']}", lang, target=i18n.pct(p["annual_pct"], lang, 1),
                   year=report["year"], p=i18n.pct(p["probability"] * 100, lang, 0))
            for p in report["probability_reaching"]]


def news_rows(report: dict, names: dict[str, str], lang: str) -> list[dict]:
    cols = (i18n.t("nowcast.col.release", lang), i18n.t("nowcast.col.contribution", lang))
    return [{cols[0]: indicator_name(n["indicator"], names, lang), cols[1]: i18n.pp(n["contribution_pp"], lang)}
            for n in report["news"]]


def sector_rows(rows: list[dict], names: dict[str, str], lang: str) -> list[dict]:
    """The sectors' estimates: name, estimate, range, RMSE in the record, whether the model beat the benchmarks."""
    cols = [i18n.t(f"nowcast.sector.{c}", lang) for c in ("name", "value", "range", "rmse", "beats")]
    return [{cols[0]: names.get(r["sector_code"], r["sector_code"]), cols[1]: i18n.pct(r["nowcast_pct"], lang),
             cols[2]: f"{i18n.pct(r['band_low_pct'], lang)} – {i18n.pct(r['band_high_pct'], lang)}",
             cols[3]: i18n.number(r["rmse_pp"], lang),
             cols[4]: i18n.t("nowcast.yes" if r["model_beats_benchmarks"] else "nowcast.no", lang)} for r in rows]


def record_rows(found: dict, lang: str) -> list[dict]:
    """The evaluation table: per month of the quarter, the model's RMSE and MAE and each benchmark's RMSE."""
    out = []
    for m in found["by_month"]:
        row = {i18n.t("nowcast.col.month", lang): i18n.t("nowcast.month_of_quarter", lang, k=m["month_of_quarter"]),
               i18n.t("nowcast.col.model_rmse", lang): i18n.number(m["rmse_pp"], lang),
               i18n.t("nowcast.col.model_mae", lang): i18n.number(m["mae_pp"], lang)}
        for b in BENCHMARKS:
            row[i18n.t("nowcast.col.rmse_of", lang, name=i18n.t(f"nowcast.short.{b}", lang))] = i18n.number(
                m["benchmarks"][b], lang)
        shown = "model" if m["model_beats_benchmarks"] else m["best_benchmark"] or "model"
        row[i18n.t("nowcast.col.shown", lang)] = i18n.t(f"nowcast.short.{shown}", lang)
        out.append(row)
    return out


def nowcast_text(report: dict, lang: str) -> str:
    if report["nowcast_pct"] is None:  # no monthly figures (or too few quarters) for this unit
        return i18n.t("nowcast.page.no_inputs", lang)
    h = headline(report, lang)
    lines = [f"{h['quarter']} — {h['label']}: {h['value']} ({h['band']})", h["basis"], *filter(None, [h["ytd"]]),
             *probability_lines(report, lang), *filter(None, [h["fallback"]]),
             *(i18n.t("nowcast.sector.line", lang, sector=r["sector_code"], value=i18n.pct(r["nowcast_pct"], lang),
                      low=i18n.pct(r["band_low_pct"], lang), high=i18n.pct(r["band_high_pct"], lang))
               for r in report.get("sectors", [])), h["not_official"]]
    return "\n".join(lines)


def eval_text(found: dict, lang: str) -> str:
    lines = [i18n.t("nowcast.eval_summary", lang, n=found["n_quarters"],
                    first=_quarter_text(found["first_quarter_index"]) or "–",
                    last=_quarter_text(found["last_quarter_index"]) or "–",
                    rmse=i18n.number(found["rmse_pp"], lang), mae=i18n.number(found["mae_pp"], lang))]
    for row in record_rows(found, lang) if found["n_quarters"] else []:
        lines.append(" · ".join(f"{k}: {v}" for k, v in row.items()))
    return "\n".join(lines)


def card_html(title: str, head: dict, probability: list[str]) -> str:
    """The overview's card: the estimate, its range, how it was made, the chances, and 'not official'."""
    from html import escape

    lines = "".join(f'<div class="gm-row"><span>{escape(p)}</span></div>' for p in probability)
    return (f'<div class="gm-card" data-testid="gm-nowcast-card"><div class="gm-card-title">{escape(title)}</div>'
            f'<div class="gm-ind-value">{head["value"]} <span class="gm-ind-label">· {escape(head["label"])}</span>'
            f'</div><div class="gm-ind-label">{escape(head["band"])}</div>'
            f'<div class="gm-source">{escape(head["basis"])}</div>{lines}'
            f'<div class="gm-source"><b>{escape(head["not_official"])}</b></div></div>')


def whatif_note(found: dict, year: int, quarter: int, lang: str) -> str:
    """The nowcast the what-if defaults follow: its value, range and method, and the points every run-rate moves."""
    band = i18n.t("nowcast.band", lang, low=i18n.pct(found["band_low_pct"], lang),
                  high=i18n.pct(found["band_high_pct"], lang)) if found["band_low_pct"] is not None else ""
    return i18n.t("nowcast.whatif_note", lang, quarter=i18n.quarter_label(year, quarter, lang),
                  value=i18n.pct(found["nowcast_pct"], lang), band=band, method=method_name(found["method"], lang),
                  shift=i18n.pp(found["shift_pp"], lang))
