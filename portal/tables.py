"""Tables in migrations, written compactly: one string lists a table's columns, so a migration says what
its table holds instead of repeating `sa.Column(..., nullable=False)` lines that every other migration
repeats too, and a foreign key gets the name of the models' naming convention without writing it.

    create_table("crowd_rewards",
                 "id int pk; campaign_id int fk=crowd_campaigns.id ondelete=CASCADE; position int; "
                 "amount int; description text; quantity int null; taken int default=0",
                 sa.UniqueConstraint("campaign_id", "position", name="uq_crowd_rewards_campaign_id"))

A column is `name type flag...`, columns are separated by ";". Types: int, bigint, str(N), str, text,
bool, date, datetime, datetime(tz), json, float. Flags: `null` (nullable; a column is NOT NULL unless it
says so, a primary key never is), `pk`, `noauto` (autoincrement=False), `unique`, `index`,
`default=V` (a server default: `'text'` quoted, a bare SQL literal such as `0` or `now()`, or `false()` /
`true()`), `fk=table.column`, `ondelete=CASCADE|SET_NULL|RESTRICT`, `fkname=NAME` (when the key's name
is not the convention's fk_<table>_<column>_<referred table>; `-`: unnamed). Table constraints (a composite primary
key, unique or foreign key, a check) follow the string as SQLAlchemy objects. Migrations stay frozen
history: a table written this way makes exactly the DDL the long form made."""
from typing import Any

import sqlalchemy as sa

TYPES = {"int": sa.Integer, "bigint": sa.BigInteger, "text": sa.Text, "bool": sa.Boolean, "date": sa.Date,
         "json": sa.JSON, "float": sa.Float}


def _type(token: str) -> Any:
    if token in TYPES:
        return TYPES[token]()
    if token == "str":
        return sa.String()
    if token.startswith("str(") and token.endswith(")"):
        return sa.String(int(token[4:-1]))
    if token in ("datetime", "datetime(tz)"):
        return sa.DateTime(timezone=token == "datetime(tz)")
    raise ValueError(f"unknown column type {token!r}")


def _default(value: str) -> Any:
    if value == "false()":
        return sa.false()
    if value == "true()":
        return sa.true()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1]
    return sa.text(value)


MAX_NAME = 63  # PostgreSQL's longest identifier


def _fk_name(given: str | None, convention: str) -> str | None:
    if given == "-":  # an unnamed key, as some early migrations made them
        return None
    name = given or convention
    if len(name) > MAX_NAME:  # shortened as SQLAlchemy shortens a convention's name on PostgreSQL
        import hashlib
        name = name[:MAX_NAME - 8] + "_" + hashlib.md5(name.encode()).hexdigest()[-4:]
    return name


def column(table: str, spec: str) -> sa.Column:
    """One column of `table` from its spec ("campaign_id int fk=crowd_campaigns.id ondelete=CASCADE")."""
    name, kind, *flags = spec.split()
    options: dict[str, str] = {}
    for flag in flags:
        key, _eq, value = flag.partition("=")
        options[key] = value
    unknown = set(options) - {"null", "pk", "noauto", "unique", "index", "default", "fk", "ondelete", "fkname"}
    if unknown:
        raise ValueError(f"{table}.{name}: unknown flags {sorted(unknown)}")
    args: list[Any] = []
    if "fk" in options:
        referred = options["fk"].split(".")[0]
        args.append(sa.ForeignKey(options["fk"], ondelete=options.get("ondelete", "").replace("_", " ") or None,
                                  name=_fk_name(options.get("fkname"), f"fk_{table}_{name}_{referred}")))
    kw: dict[str, Any] = {"primary_key": "pk" in options, "nullable": "null" in options}
    if "noauto" in options:
        kw["autoincrement"] = False
    if "unique" in options:
        kw["unique"] = True
    if "index" in options:
        kw["index"] = True
    if "default" in options:
        kw["server_default"] = _default(options["default"])
    return sa.Column(name, _type(kind), *args, **kw)


def columns(table: str, spec: str) -> list[sa.Column]:
    return [column(table, part) for part in spec.split(";") if part.strip()]


def create_table(name: str, spec: str, *constraints: Any, **kw: Any) -> Any:
    """op.create_table(name, *the columns of spec, *constraints)."""
    from alembic import op
    return op.create_table(name, *columns(name, spec), *constraints, **kw)


def drop_tables(*names: str) -> None:
    """op.drop_table of each table, in the order given (the referring tables first); their indexes go with
    them."""
    from alembic import op
    for name in names:
        op.drop_table(name)
