"""The upload's single-cell rules as SQL over a file's table of text cells (csvtable), with the same problems as
validate.check_columns over a frame: each cell's first broken rule (required, formula, number, finite, whole number,
range, choice, date), named by the catalog key of its message, with its line, column and value.

Numbers are parsed once, in SQL: a plain decimal is cast; the few other spellings (1e5, inf, 1_000) are read by
pandas.to_numeric, as the frame rules read them, and joined in. The reader's decimal style (reader.decimal_of), the
unit codes' lost leading zeros (names.restore_zeros) and the Vietnamese vintages (validate.CHOICE_ALIASES) are
decided in Python over distinct cells and applied in SQL. A file the rules here cannot judge exactly as the frame
rules (a cell past the length limit, lost letters, a number column holding a non-ASCII character) gives None: the
caller reads it the exact way.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from monitor.core.errors import Problem
from monitor.upload import csvtable, headers, reader, validate
from monitor.upload.csvtable import Table, query, quoted, run
from monitor.upload.names import restore_zeros

PATTERNS = {"comma_decimal": reader._COMMA_DECIMAL, "comma_thousands": reader._COMMA_THOUSANDS,
            "dot_thousands_comma": reader._DOT_THOUSANDS_COMMA, "point_decimal": reader._POINT_DECIMAL,
            "dot_thousands": reader._DOT_THOUSANDS, "comma_thousands_point": reader._COMMA_THOUSANDS_POINT}
NUMBER_KINDS = ("int", "number")


def _literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _distinct(table: Table, name: str, column: str) -> list[str]:
    return [r[0] for r in table.con.execute(query(name, col=column)).fetchall()]


def _replace(table: Table, column: str, mapping: dict[str, str]) -> None:
    table.con.register("cell_map", pd.DataFrame({"old": list(mapping), "new": list(mapping.values())}, dtype=object))
    table.con.execute(query("map_cells", col=column))
    table.con.unregister("cell_map")


def _exactly_judged(table: Table, declared: dict) -> bool:
    if table.plain:
        return True
    numbers = [c for c in table.columns if declared[c].kind in NUMBER_KINDS]
    texts = [c for c in table.columns if c != "source"]
    lengths = ", ".join(f"length({quoted(c)})" for c in table.columns)
    too_long, non_ascii, maybe_lost = run(table.con, query(
        "odd_cells", lengths=lengths, numbers=_concat(numbers), texts=_concat(texts)),
        max_chars=reader.MAX_CELL_CHARS).fetchall()[0]
    if too_long or non_ascii:
        return False
    return not maybe_lost or not any(headers.lost_letters(cell) for c in texts
                                     for cell in _distinct(table, "lost_letter_candidates", c))


def _concat(columns: list[str]) -> str:
    return "concat(" + ", ".join(quoted(c) for c in columns) + ")" if columns else "''"


def _decimal(table: Table) -> tuple[str, list[Problem]]:
    """The value column's decimal style and the cells that break it, then every value written with a point."""
    if "value" not in table.columns:
        return ".", []
    comma, point, dots, commas, example = run(table.con, query("decimal_marks"), **PATTERNS).fetchall()[0]
    decimal = reader.decimal_of(comma, point, dots, commas, table.info.separator)
    key = "upload.err.point_in_comma_file" if decimal == "," else "upload.err.comma_in_point_file"
    problems, ambiguous = [], decimal == "." and bool(point) and bool(dots)
    for line, cell, kind in run(table.con, query("decimal_odd"), decimal=decimal, ambiguous=ambiguous,
                                **PATTERNS).fetchall():
        problems.append(Problem(int(line), "value", cell, key) if kind == "odd" else Problem(
            int(line), "value", cell, "upload.err.ambiguous_decimal", (
                ("example", example), ("thousands", cell.replace(".", "")))))
    run(table.con, query("decimal_to_point"), decimal=decimal, **PATTERNS)
    return decimal, sorted(problems, key=lambda p: p.row)


def _restore_zeros(table: Table, known_units: set[str]) -> pd.DataFrame:
    """Unit codes that lost a leading zero, restored; the rows restored (old, new), indexed by line."""
    empty = pd.DataFrame({"old": pd.Series(dtype=object), "new": pd.Series(dtype=object)})
    if "unit_code" not in table.columns:
        return empty
    codes = pd.Series(_distinct(table, "distinct_cells", "unit_code"), dtype=object)
    _, restored = restore_zeros(codes, known_units)
    mapping = dict(zip(restored["old"], restored["new"]))
    if not mapping:
        return empty
    table.con.register("cell_map", pd.DataFrame({"old": list(mapping), "new": list(mapping.values())}, dtype=object))
    lines = table.con.execute(query("lines_of_cells", col="unit_code")).fetchall()
    table.con.unregister("cell_map")
    _replace(table, "unit_code", mapping)
    return pd.DataFrame({"old": [c for _, c in lines], "new": [mapping[c] for _, c in lines]},
                        index=[int(n) for n, _ in lines])


def _lookups(table: Table, declared: dict) -> None:
    """odd_numbers (cell, num) for the number cells that are not plain decimals, read by pandas; cell_dates
    (cell, iso) for the date columns' cells."""
    odd = sorted({cell for c in table.columns if declared[c].kind in NUMBER_KINDS
                  for cell in _distinct(table, "odd_number_cells", c)})
    parsed = pd.to_numeric(pd.Series(odd, dtype=object), errors="coerce")
    table.con.register("odd_numbers", pd.DataFrame({
        "cell": pd.Series(odd, dtype=object), "num": parsed.astype("float64").where(parsed.notna(), None)}))
    dates = sorted({cell for c in table.columns if declared[c].kind == "date"
                    for cell in _distinct(table, "distinct_cells", c)})
    table.con.register("cell_dates", pd.DataFrame({"cell": pd.Series(dates, dtype=object),
                                                   "iso": pd.Series([validate.iso_date(d) for d in dates],
                                                                    dtype=object)}))


def _rule(c: validate.Column, t: str, n: str, d: str) -> str:
    """The CASE giving the first rule the cell breaks, in check_columns' order."""
    whens = [f"WHEN {t} = '' THEN 'err.required'"] if c.required else []
    if c.kind in NUMBER_KINDS:
        nonfinite = ", ".join(_literal(x) for x in validate._NONFINITE)
        unparsable = f"({t} <> '' AND {n} IS NULL AND lower({t}) NOT IN ({nonfinite}))"
        whens += [f"WHEN {unparsable} AND regexp_matches({t}, '^[=+\\-@]') THEN 'err.formula'",
                  f"WHEN {unparsable} THEN '{'err.not_integer' if c.kind == 'int' else 'err.not_number'}'",
                  f"WHEN lower({t}) IN ({nonfinite}) OR ({t} <> '' AND {n} IS NOT NULL AND NOT isfinite({n})) "
                  "THEN 'err.not_finite'"]
        if c.kind == "int":
            whens.append(f"WHEN {n} IS NOT NULL AND {n} - floor({n}) > 0 THEN 'err.not_integer'")
        if c.bounds:
            whens.append(f"WHEN {n} IS NOT NULL AND NOT ({n} BETWEEN {float(c.bounds[0])!r} AND "
                         f"{float(c.bounds[1])!r}) THEN '{c.bounds_error}'")
        if c.choices:
            whens.append(f"WHEN {n} IS NOT NULL AND {n} NOT IN ({', '.join(str(float(x)) for x in c.choices)}) "
                         f"THEN '{c.choice_error}'")
    elif c.kind == "choice":
        whens.append(f"WHEN {t} <> '' AND {t} NOT IN ({', '.join(_literal(x) for x in c.choices)}) "
                     f"THEN '{c.choice_error}'")
    elif c.kind == "date":
        whens.append(f"WHEN {t} <> '' AND {d} IS NULL THEN 'err.bad_date'")
    return f"CASE {' '.join(whens)} END" if whens else "NULL::VARCHAR"


def _checked(table: Table, declared: dict) -> None:
    values, codes, joins = [], [], []
    for i, name in enumerate(table.columns):
        c, col = declared[name], f"c.{quoted(name)}"
        t, n, d = quoted(f"t:{name}"), quoted(f"n:{name}"), quoted(f"d:{name}")
        values.append(f"{col} AS {t}")
        if c.kind in NUMBER_KINDS:
            joins.append(f"LEFT JOIN odd_numbers AS o{i} ON o{i}.cell = {col}")
            values.append(f"CASE WHEN length({col}) <= 17 AND regexp_full_match({col}, '[+-]?[0-9]+(\\.[0-9]+)?') "
                          f"THEN CAST({col} AS DOUBLE) ELSE o{i}.num END AS {n}")
        elif c.kind == "date":
            joins.append(f"LEFT JOIN cell_dates AS d{i} ON d{i}.cell = {col}")
            values.append(f"d{i}.iso AS {d}")
        codes.append(f"{_rule(c, t, n, d)} AS {quoted(f'e:{name}')}")
    table.con.execute(query("checked_cells", values=", ".join(values), codes=", ".join(codes), joins=" ".join(joins)))


def _problems(table: Table, declared: dict) -> list[Problem]:
    selects = " UNION ALL ".join(
        f"SELECT line, {i} AS position, {_literal(name)} AS col, {quoted(f't:{name}')} AS value, "
        f"{quoted(f'e:{name}')} AS code FROM checked WHERE {quoted(f'e:{name}')} IS NOT NULL"
        for i, name in enumerate(table.columns))
    found = table.con.execute(query("cell_problems", selects=selects)).fetchall()
    return [Problem(int(line), col, value, code, validate._params(code, declared[col], value))
            for line, _, col, value, code in found]


def _typed(table: Table, declared: dict, columns: tuple[validate.Column, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the cells as text, the typed rows) indexed by file line; a broken cell typed empty."""
    parts, texts = [], {}
    for c in columns:
        name, ok = c.name, f"{quoted(f'e:{c.name}')} IS NULL"
        if name not in table.columns:
            continue
        if c.kind in NUMBER_KINDS:
            parts.append(f"CASE WHEN {ok} THEN {quoted(f'n:{name}')} END AS {quoted(name)}")
            texts[name] = f"text:{name}"
        elif c.kind == "date":
            parts.append(f"CASE WHEN {ok} THEN {quoted(f'd:{name}')} END AS {quoted(name)}")
        else:
            parts.append(f"CASE WHEN {ok} THEN {quoted(f't:{name}')} ELSE '' END AS {quoted(name)}")
    parts += [f"{quoted(f't:{name}')} AS {quoted(text)}" for name, text in texts.items()]
    rows = table.con.sql(query("typed_rows", columns=", ".join(parts))).to_arrow_table().to_pandas().set_index("line")
    rows.index = rows.index.astype("int64").rename(None)
    typed = rows[[c.name for c in columns if c.name in table.columns]].assign(
        **{c.name: None for c in columns if c.name not in table.columns})[[c.name for c in columns]]
    text = rows[[texts.get(name, name) for name in table.columns]].set_axis(table.columns, axis=1)
    return text, typed


def _choice_aliases(table: Table) -> None:
    for col, aliases in validate.CHOICE_ALIASES.items():
        if col in table.columns:
            mapping = {v: aliases[headers.normalise_header(v)] for v in _distinct(table, "distinct_cells", col)
                       if headers.normalise_header(v) in aliases}
            if mapping:
                _replace(table, col, mapping)


def check_frame(frame: pd.DataFrame, columns: tuple[validate.Column, ...]) -> tuple[pd.DataFrame, list[Problem]]:
    """validate.check_columns in SQL, over a frame of text cells indexed by line (a workbook's, or a CSV the exact
    reader read, its reader's checks done): (typed rows, problems)."""
    con = duckdb.connect()
    try:
        con.register("frame_cells", frame.fillna("").astype(object).rename_axis("line").reset_index())
        con.execute(query("cells_of_frame"))
        con.unregister("frame_cells")
        table = Table(con, list(frame.columns), None)
        declared = {c.name: c for c in columns}
        _choice_aliases(table)
        _lookups(table, declared)
        _checked(table, declared)
        problems = _problems(table, declared)
        _, typed = _typed(table, declared, columns)
        return typed, problems
    finally:
        con.close()


def check(table: Table, columns: tuple[validate.Column, ...], known_units: set[str]):
    """(cells as text, typed rows, how the file was read, the cells' problems, the rows whose unit codes were
    restored) as validate.check_columns and the reader give them; None when the exact reader must judge the file."""
    declared = {c.name: c for c in columns}
    if not _exactly_judged(table, declared):
        return None
    decimal, odd = _decimal(table)
    restored = _restore_zeros(table, known_units)
    _choice_aliases(table)
    _lookups(table, declared)
    _checked(table, declared)
    problems = _problems(table, declared)
    text, typed = _typed(table, declared, columns)
    info = table.info
    info = reader.ReadInfo(info.encoding, info.separator, decimal, tuple(odd), "", info.header_row, info.columns)
    return text, typed, info, problems, restored


def check_file(raw: bytes, file_name: str, columns: tuple[validate.Column, ...], known_units: set[str]):
    """check() over a plain CSV read by DuckDB (csvtable); None for the frame rules (a workbook, or a file only the
    exact reader reads right)."""
    table = csvtable.read(raw, file_name, columns)
    if table is None:
        return None
    try:
        return check(table, columns, known_units)
    finally:
        table.con.close()
