"""The one translation of the store's SQL (DuckDB's dialect, queries/*.sql) into PostgreSQL's, for the PostgreSQL
backend (core/pg.py). Generic, never per file: sqlglot parses DuckDB and writes PostgreSQL ($name parameters,
QUALIFY, DOUBLE, `/` as a division of numbers), and the few things it leaves are rewritten here on the syntax tree:

- macros (`CREATE MACRO name(p) AS expr` and `... AS TABLE SELECT ...`) are kept in the table `duckdb_macros` and
  expanded where they are called, as DuckDB itself inlines them (a scalar one as a parenthesised expression, a table
  one as a subquery);
- `arg_max(x, y)` / `arg_min(x, y)`: the x of the greatest/least y, rows with a NULL y ignored (DuckDB's rule);
- make_date(y, m, d) with integer parts; first_value/last_value(x IGNORE NULLS) over a window;
- `GROUP BY ALL`: the select list's expressions that hold no aggregate, by position; `ORDER BY ALL`: every one;
- `DESCRIBE t`: t's columns and types;
- `SELECT * EXCLUDE (c)` / `* REPLACE (e AS c)`: the source's columns but c / with e as c (sources are tables,
  common table expressions, subqueries);
- `INSERT OR REPLACE INTO t [BY NAME] ...`: `INSERT ... ON CONFLICT (t's primary key) DO UPDATE`, the columns of
  BY NAME matched by name;
- `(a, b) IN (SELECT (x, y) ...)`: the subquery returns two columns;
- a subquery in FROM without a name gets one (PostgreSQL 15 wants it);
- `a % b` is written mod(a, b), and a literal `%` in the text is doubled for the driver's parameter syntax;
- `x IN $list` (a list bound as one parameter) is written `x = ANY($list)`: the driver sends a list as an array.

The catalog (columns and primary keys of a table, the macros) is asked through the object passed in.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel


@dataclass(frozen=True)
class Macro:
    name: str
    params: tuple[str, ...]
    body: str  # DuckDB SQL: an expression, or a SELECT for a table macro
    table: bool


class Catalog:
    """What translation needs to know of the database; core/pg.py answers from PostgreSQL's catalog."""

    def columns(self, table: str) -> list[str]:
        raise NotImplementedError

    def primary_key(self, table: str) -> list[str]:
        raise NotImplementedError

    def macros(self) -> dict[str, Macro]:
        raise NotImplementedError


def parse(text: str) -> list[exp.Expression]:
    return [e for e in sqlglot.parse(text, read="duckdb") if e is not None]


def macro_of(statement: exp.Expression) -> Macro | None:
    """The macro a `CREATE [OR REPLACE] MACRO` statement defines; None for any other statement."""
    if not (isinstance(statement, exp.Create) and str(statement.args.get("kind", "")).upper() == "MACRO"):
        return None
    func = statement.this
    params = tuple(p.name for p in func.expressions)
    body = statement.expression
    return Macro(func.this.name.lower(), params, body.sql("duckdb"), isinstance(body, exp.Query))


def translate(statement: exp.Expression, catalog: Catalog) -> str:
    """One parsed DuckDB statement as PostgreSQL text (parameters as %(name)s)."""
    if isinstance(statement, exp.Describe):
        return ("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() "
                f"AND table_name = '{statement.this.name}' ORDER BY ordinal_position")
    tree = statement.copy()
    tree = _expand_macros(tree, catalog.macros())
    tree = tree.transform(_arg_extreme)
    tree = tree.transform(lambda n: exp.Anonymous(this="mod", expressions=[n.this, n.expression])
                          if isinstance(n, exp.Mod) else n)
    tree = tree.transform(_make_date)
    tree = tree.transform(_in_list_parameter)
    tree = tree.transform(_ignore_nulls)
    for select in list(tree.find_all(exp.Select)):
        _group_by_all(select)
    for select in list(tree.find_all(exp.Select)):
        _exclude(select, catalog)
    for select in list(tree.find_all(exp.Select)):  # (a, b) IN (SELECT (x, y) ...): a row of two columns
        if _under_in(select) and len(select.expressions) == 1 and isinstance(select.expressions[0], exp.Tuple):
            select.set("expressions", [e.copy() for e in select.expressions[0].expressions])
    for i, sub in enumerate(tree.find_all(exp.Subquery)):  # PostgreSQL 15 names every subquery in FROM
        if isinstance(sub.parent, (exp.From, exp.Join)) and not sub.alias:
            sub.set("alias", exp.TableAlias(this=exp.to_identifier(f"_sub{i}")))
    conflict = ""
    if isinstance(tree, exp.Insert):
        conflict = _insert_or_replace(tree, catalog)
    for literal in tree.find_all(exp.Literal):
        if literal.is_string and "%" in literal.this:
            literal.set("this", literal.this.replace("%", "%%"))
    # anything sqlglot cannot write for PostgreSQL is an error, never a statement quietly missing a part of it
    return tree.sql("postgres", comments=False, unsupported_level=ErrorLevel.RAISE) + conflict


def _in_list_parameter(node: exp.Expression) -> exp.Expression:
    """`x IN $list` -> `x = ANY($list)` (PostgreSQL has no IN over one array value)."""
    if isinstance(node, exp.In) and isinstance(node.args.get("field"), exp.Placeholder):
        return exp.EQ(this=node.this.copy(), expression=exp.Any(this=exp.Paren(this=node.args["field"].copy())))
    return node


def _under_in(select: exp.Select) -> bool:
    node = select.parent
    while isinstance(node, (exp.Subquery, exp.SetOperation)):
        node = node.parent
    return isinstance(node, exp.In)


# --- macros ------------------------------------------------------------------------------------------------------

def _substitute(body: exp.Expression, params: tuple[str, ...], args: list[exp.Expression]) -> exp.Expression:
    values = dict(zip(params, args))

    def swap(node):
        if isinstance(node, exp.Column) and not node.table and node.name in values:
            return values[node.name].copy()
        return node
    return body.transform(swap)


# DuckDB's catalog functions the store asks, as table macros over PostgreSQL's catalog (the current schema's)
CATALOG = {"duckdb_tables": Macro(
    "duckdb_tables", (), "SELECT table_name, table_catalog AS database_name FROM information_schema.tables WHERE "
    "table_schema = current_schema() AND table_name <> 'duckdb_macros'", True)}


def _expand_macros(tree: exp.Expression, macros: dict[str, Macro], depth: int = 0) -> exp.Expression:
    macros = {**CATALOG, **macros}
    if depth > 20:
        return tree

    def expand(node):
        if isinstance(node, exp.Table) and isinstance(node.this, exp.Anonymous):
            macro = macros.get(node.this.name.lower())
            if macro and macro.table:
                body = _substitute(sqlglot.parse_one(macro.body, read="duckdb"), macro.params, node.this.expressions)
                alias = node.args.get("alias") or exp.TableAlias(this=exp.to_identifier(macro.name))
                return exp.Subquery(this=body, alias=alias.copy())
        if isinstance(node, exp.Anonymous) and not isinstance(node.parent, exp.Table):
            macro = macros.get(node.name.lower())
            if macro and not macro.table:
                body = _substitute(sqlglot.parse_one(macro.body, read="duckdb"), macro.params, node.expressions)
                return exp.Paren(this=body)
        return node

    before = tree.sql("duckdb")
    tree = tree.transform(expand)
    return tree if tree.sql("duckdb") == before else _expand_macros(tree, macros, depth + 1)


# --- functions and clauses ---------------------------------------------------------------------------------------

def _arg_extreme(node):
    inner = node.this if isinstance(node, exp.Filter) else node
    if not isinstance(inner, (exp.ArgMax, exp.ArgMin)):
        return node
    value, key = inner.this, inner.expression
    direction = "DESC" if isinstance(inner, exp.ArgMax) else "ASC"
    template = sqlglot.parse_one(f"(array_agg(__x ORDER BY __y {direction}) FILTER (WHERE __y IS NOT NULL))[1]",
                                 read="postgres")
    if isinstance(node, exp.Filter):  # arg_max(...) FILTER (WHERE c): both conditions
        where = template.find(exp.Filter).expression
        where.set("this", exp.and_(where.this, node.expression.this.copy()))

    def fill(part):
        if isinstance(part, exp.Column) and part.name in ("__x", "__y"):
            return (value if part.name == "__x" else key).copy()
        return part
    return template.transform(fill)


def _ignore_nulls(node):
    """first_value/last_value(x IGNORE NULLS) OVER w: the first/last of the frame's values without its NULLs."""
    if not (isinstance(node, exp.Window) and isinstance(node.this, exp.IgnoreNulls)
            and isinstance(node.this.this, (exp.FirstValue, exp.LastValue))):
        return node
    last = isinstance(node.this.this, exp.LastValue)
    window = node.copy()
    window.set("this", exp.ArrayAgg(this=node.this.this.this.copy()))
    kept = f"array_remove({window.sql('postgres')}, NULL)"
    return sqlglot.parse_one(f"({kept})[{f'cardinality({kept})' if last else 1}]", read="postgres")


def _make_date(node):
    """make_date(y, m, d) stays PostgreSQL's make_date, its parts as integers (sqlglot writes date_from_parts)."""
    if not isinstance(node, exp.DateFromParts):
        return node
    parts = [node.args.get(k) for k in ("year", "month", "day")]
    return exp.Anonymous(this="make_date", expressions=[exp.cast(p.copy(), "INT") for p in parts])


def _group_by_all(select: exp.Select) -> None:
    order = select.args.get("order")
    if order and len(order.expressions) == 1 and isinstance(order.expressions[0].this, (exp.Column, exp.Var)) \
            and order.expressions[0].this.name.upper() == "ALL" and not order.expressions[0].this.args.get("table"):
        order.set("expressions", [exp.Ordered(this=exp.Literal.number(i), desc=order.expressions[0].args.get("desc"))
                                  for i in range(1, len(select.expressions) + 1)])
    group = select.args.get("group")
    if not group or not group.args.get("all"):
        return
    positions = [exp.Literal.number(i) for i, e in enumerate(select.expressions, 1)
                 if not e.find(exp.AggFunc, exp.Window)]
    select.set("group", exp.Group(expressions=positions))


def _outputs(query: exp.Expression, catalog: Catalog, ctes: dict) -> list[str]:
    """The names of the columns a query (or set operation) returns."""
    if isinstance(query, exp.SetOperation):
        return _outputs(query.left, catalog, ctes)
    if isinstance(query, exp.Subquery):
        return _outputs(query.this, catalog, ctes)
    ctes = {**ctes, **{c.alias_or_name: c.this for c in (query.args.get("with_") or exp.With()).expressions}}
    names = []
    for e in query.expressions:
        if isinstance(e, exp.Star) or (isinstance(e, exp.Column) and isinstance(e.this, exp.Star)):
            names += _star(query, e, catalog, ctes)
        else:
            names.append(e.alias_or_name)
    return names


def _sources(select: exp.Select) -> list[exp.Expression]:
    found = [select.args["from_"].this] if select.args.get("from_") else []
    return found + [j.this for j in select.args.get("joins") or []]


def _source_columns(source: exp.Expression, catalog: Catalog, ctes: dict) -> list[str]:
    if isinstance(source, exp.Subquery):
        return _outputs(source.this, catalog, ctes)
    if isinstance(source, exp.Table) and source.name in ctes:
        return _outputs(ctes[source.name], catalog, ctes)
    return catalog.columns(source.name)


def _star(select: exp.Select, star: exp.Expression, catalog: Catalog, ctes: dict) -> list[str]:
    """The columns a `*` or `alias.*` stands for, without those its EXCLUDE names."""
    qualifier = star.table if isinstance(star, exp.Column) else ""
    names = []
    for source in _sources(select):
        if not qualifier or source.alias_or_name == qualifier:
            names += _source_columns(source, catalog, ctes)
    excluded = {e.name for e in ((star.this if isinstance(star, exp.Column) else star).args.get("except_") or [])}
    return [n for n in names if n not in excluded]


def _exclude(select: exp.Select, catalog: Catalog) -> None:
    ctes: dict = {}
    for ancestor in _ancestors(select):
        with_ = ancestor.args.get("with_") if isinstance(ancestor, exp.Query) else None
        for cte in (with_.expressions if with_ else []):
            ctes.setdefault(cte.alias_or_name, cte.this)
    expressions = []
    for e in select.expressions:
        star = e.this if isinstance(e, exp.Column) and isinstance(e.this, exp.Star) else e
        if isinstance(star, exp.Star) and (star.args.get("except_") or star.args.get("replace")):
            qualifier = e.table if isinstance(e, exp.Column) else ""
            replaced = {r.alias: r.this for r in star.args.get("replace") or []}
            expressions += [exp.alias_(replaced[n].copy(), n) if n in replaced
                            else exp.column(n, table=qualifier or None) for n in _star(select, e, catalog, ctes)]
        else:
            expressions.append(e)
    select.set("expressions", expressions)


def _ancestors(node: exp.Expression):
    while node is not None:
        yield node
        node = node.parent


def _insert_or_replace(insert: exp.Insert, catalog: Catalog) -> str:
    """Name the columns of BY NAME; return the ON CONFLICT clause INSERT OR REPLACE stands for ("" otherwise)."""
    table = insert.this.this if isinstance(insert.this, exp.Schema) else insert.this
    columns = [c.name for c in insert.this.expressions] if isinstance(insert.this, exp.Schema) else []
    if insert.args.get("by_name"):
        columns = _outputs(insert.expression, catalog, {})
        insert.set("this", exp.Schema(this=table.copy(), expressions=[exp.to_identifier(c) for c in columns]))
        insert.set("by_name", None)
    if str(insert.args.get("alternative") or "").upper() != "REPLACE":
        return ""
    insert.set("alternative", None)
    key = catalog.primary_key(table.name)
    columns = columns or catalog.columns(table.name)
    update = [c for c in columns if c not in key]
    if not key:
        return ""
    if not update:
        return f" ON CONFLICT ({', '.join(key)}) DO NOTHING"
    return f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in update)
