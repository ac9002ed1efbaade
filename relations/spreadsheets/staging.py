"""Upsert a million rows on a natural key in flat memory: the writer for sheets with volume.

Rows are staged in a temporary table as they are read, 5,000 at a time (COPY on PostgreSQL,
one prepared INSERT on SQLite), so Python never holds the file. Everything after that is a
handful of set-based statements, whatever the number of rows:

1. duplicates inside the file: one window query (`MIN(line) OVER (PARTITION BY key)`);
2. the existing records: one UPDATE … FROM join on the key (per NULL pattern of the key, so
   each uses the unique index of that pattern, partial where NULLs are involved);
3. a blank value keeps the stored one, or takes the default for a new record;
4. each row is new, updated or unchanged; counts and the first changes for the preview;
5. the writes: one UPDATE … FROM, one INSERT … SELECT, and the batch's `ImportChange` rows
   with the values written and replaced (as JSON built in SQL; on PostgreSQL the created
   records' rows come from the INSERT's RETURNING).

Not `bulk_create`/`bulk_update`: they compile every value through the ORM, and bulk_update's
CASE WHEN per row made 50,000 updates take about a minute here.
"""

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, models

from relations.models import ImportChange
from relations.spreadsheets.problems import ProblemLog

CHUNK = 5000  # rows per INSERT (or COPY) into the stage; rows kept in Python at a time
STAGE = "sheet_stage"
WORK_MEM = "64MB"  # PostgreSQL's memory per sort or hash while an import's transaction runs


@dataclass(frozen=True)
class Upsert:
    """Which model a sheet writes, addressed by which columns, writing which values."""

    model: type[models.Model]
    key: tuple[str, ...]  # attnames of the natural key, e.g. ("profile_id", "year", …)
    values: tuple[str, ...]  # attnames the file writes; a blank (None) keeps the stored value
    profile: str = "profile_id"  # the key column naming the profile whose page changes

    def field(self, name: str) -> models.Field:
        return self.model._meta.get_field(name)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _json_object(pairs: list[tuple[str, str]]) -> str:
    function = "jsonb_build_object" if connection.vendor == "postgresql" else "json_object"
    arguments = ", ".join(f"'{name}', {expression}" for name, expression in pairs)
    return f"{function}({arguments})"


def _distinct(a: str, b: str) -> str:
    """NULL-safe inequality."""
    operator = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    return f"{a} {operator} {b}"


def _insert(table: str, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    names = ", ".join(_q(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _execute(sql: str, params: Iterable = ()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.rowcount


class StagedUpsert:
    """One upsert of rows into `upsert.model`; use as a context manager around the import."""

    def __init__(self, upsert: Upsert, *, defaults: dict[str, object]):
        self.upsert = upsert
        self.defaults = defaults  # value of a new record whose cell is blank, by attname
        self.table = _q(upsert.model._meta.db_table)
        self.pending: list[tuple] = []
        self.staged = 0

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None:  # after an error the transaction rolls back, and the table with it
            self.close()

    def open(self) -> None:
        """Creates the stage (a temporary table, gone with the transaction if it rolls back)."""
        model_columns = [
            f"{_q(name)} {self.upsert.field(name).db_type(connection)}"
            for name in (*self.upsert.key, *self.upsert.values)
        ]
        old_columns = [
            f"{_q('old_' + name)} {self.upsert.field(name).db_type(connection)}"
            for name in self.upsert.values
        ]
        _execute(f"DROP TABLE IF EXISTS {STAGE}")
        if connection.vendor == "postgresql":
            # The default 4 MB sorts a million-row stage on disk; this lasts the transaction.
            _execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        _execute(
            f"CREATE TEMPORARY TABLE {STAGE} (line integer NOT NULL, "
            f"{', '.join(model_columns)}, target bigint, action char(1), "
            f"{', '.join(old_columns)})"
        )

    def close(self) -> None:
        _execute(f"DROP TABLE IF EXISTS {STAGE}")

    # Staging

    def add(self, row: tuple) -> None:
        """Stage (line, *key, *values); a value None is a blank cell."""
        self.pending.append(row)
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        _insert(STAGE, ["line", *self.upsert.key, *self.upsert.values], self.pending)
        self.staged += len(self.pending)
        self.pending.clear()

    # Checking

    def compare(
        self,
        log: ProblemLog,
        duplicate: Callable[[int], tuple[str, str]],
        *,
        repeats: bool = True,
    ) -> dict:
        """Finds duplicates (reported through `duplicate(first_line)` → (column, message)),
        the stored records and what changes; returns {"n": new, "u": updated, "=": unchanged}
        (nothing if the file repeats a key: which of the two rows counts is unknown).
        `repeats=False`: the caller knows no key is repeated, so the search is skipped.
        """
        self.flush()
        key = ", ".join(_q(name) for name in self.upsert.key)
        if connection.vendor == "postgresql":
            # Temporary tables get no statistics otherwise; the key's are what the joins need.
            _execute(f"ANALYZE {STAGE} ({key})")
        duplicates = 0
        if repeats:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT line, first FROM (SELECT line, MIN(line) OVER (PARTITION BY {key}) "
                    f"AS first FROM {STAGE}) AS d WHERE line <> first ORDER BY line"
                )
                while rows := cursor.fetchmany(CHUNK):
                    duplicates += len(rows)
                    for line, first in rows:
                        log.add(line, *duplicate(first))
        if duplicates:
            return {}
        self._find_stored()
        # The rows no stored record matched are new: a blank takes the default.
        defaults = ", ".join(
            f"{_q(name)} = COALESCE({_q(name)}, %s)" for name in self.upsert.values
        )
        _execute(
            f"UPDATE {STAGE} SET {defaults}, action = 'n' WHERE target IS NULL",
            [self._adapt(name, self.defaults.get(name)) for name in self.upsert.values],
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT action, COUNT(*) FROM {STAGE} GROUP BY action")
            counts = dict(cursor.fetchall())
        if connection.vendor == "postgresql":
            # Statistics of the actions just set: without them the writes' joins are planned
            # for one row and run as a nested loop over the wrong index (19 s for 500,000 rows).
            _execute(f"ANALYZE {STAGE} (action)")
        return counts

    def _key_matches(self) -> list[str]:
        """Join conditions of a stage row (s) and a stored record (f) with the same key: one
        per pattern of NULLs in the nullable key columns, so each uses a (partial) index."""
        upsert = self.upsert
        nullable = [name for name in upsert.key if upsert.field(name).null]
        matches = []
        for pattern in itertools.product((False, True), repeat=len(nullable)):
            nulls = dict(zip(nullable, pattern, strict=True))
            matches.append(
                " AND ".join(
                    f"s.{_q(name)} IS NULL AND f.{_q(name)} IS NULL"
                    if nulls.get(name)
                    else f"f.{_q(name)} = s.{_q(name)}"
                    for name in upsert.key
                )
            )
        return matches

    def _find_stored(self) -> None:
        """For rows whose key is stored: the record's id, its values, and in the same pass
        the values to write (a blank keeps the stored one) and whether they change it.
        (SET expressions see the row as it was before this UPDATE.)"""
        upsert = self.upsert
        written = {name: f"COALESCE(s.{_q(name)}, f.{_q(name)})" for name in upsert.values}
        changed = " OR ".join(
            _distinct(expression, f"f.{_q(name)}") for name, expression in written.items()
        )
        assignments = ", ".join(
            [f"{_q('old_' + name)} = f.{_q(name)}" for name in upsert.values]
            + [f"{_q(name)} = {expression}" for name, expression in written.items()]
        )
        for match in self._key_matches():
            _execute(
                f"UPDATE {STAGE} AS s SET target = f.{_q(upsert.model._meta.pk.column)}, "
                f"{assignments}, action = CASE WHEN {changed} THEN 'u' ELSE '=' END "
                f"FROM {self.table} AS f WHERE {match}"
            )

    def profile_ids(self) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT {_q(self.upsert.profile)} FROM {STAGE} "
                "WHERE action IN ('n', 'u') ORDER BY 1"
            )
            return [row[0] for row in cursor.fetchall()]

    def updates(self, limit: int) -> list[tuple]:
        """(line, key, new values, old values) of the first updated rows, in file order."""
        upsert = self.upsert
        columns = [*upsert.key, *upsert.values, *("old_" + name for name in upsert.values)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT line, {', '.join(_q(c) for c in columns)} FROM {STAGE} "
                "WHERE action = 'u' ORDER BY line LIMIT %s",
                [limit],
            )
            rows = cursor.fetchall()
        width, count = len(upsert.key), len(upsert.values)
        return [
            (
                row[0],
                row[1 : 1 + width],
                self._python(row[1 + width : 1 + width + count]),
                self._python(row[1 + width + count :]),
            )
            for row in rows
        ]

    # Writing

    def write(self, batch_id: int | None) -> None:
        upsert = self.upsert
        pk = _q(upsert.model._meta.pk.column)
        assignments = ", ".join(f"{_q(name)} = s.{_q(name)}" for name in upsert.values)
        _execute(
            f"UPDATE {self.table} AS f SET {assignments} FROM {STAGE} AS s "
            f"WHERE f.{pk} = s.target AND s.action = 'u'"
        )
        columns = ", ".join(_q(name) for name in (*upsert.key, *upsert.values))
        created = (
            f"INSERT INTO {self.table} ({columns}) SELECT {columns} FROM {STAGE} WHERE action = 'n'"
        )
        if batch_id is None:
            _execute(created)
            return
        # The batch's change rows: what each written record holds, and what it held before.
        written = _json_object([(name, self._json(name, name)) for name in upsert.values])
        replaced = _json_object([(name, self._json(name, "old_" + name)) for name in upsert.values])
        meta = ImportChange._meta
        names = ", ".join(
            _q(meta.get_field(name).column)
            for name in ("batch", "object_id", "created", "old", "new")
        )
        changes = f"INSERT INTO {_q(meta.db_table)} ({names})"
        _execute(
            f"{changes} SELECT %s, s.target, FALSE, {replaced}, {written} FROM {STAGE} AS s "
            "WHERE s.action = 'u'",
            [batch_id],
        )
        if connection.vendor == "postgresql":
            # The new ids come back from the INSERT itself (a data-modifying WITH), where a
            # join on the key would look each of them up again: 1.5 s per 500,000.
            values = ", ".join(_q(name) for name in upsert.values)
            _execute(
                f"WITH s AS ({created} RETURNING {pk}, {values}) "
                f"{changes} SELECT %s, s.{pk}, TRUE, NULL, {written} FROM s",
                [batch_id],
            )
            return
        # SQLite has no INSERT inside WITH: the created records are found by their key.
        _execute(created)
        for match in self._key_matches():
            _execute(
                f"{changes} SELECT %s, f.{pk}, TRUE, NULL, {written} FROM {STAGE} AS s "
                f"JOIN {self.table} AS f ON {match} WHERE s.action = 'n'",
                [batch_id],
            )

    # Values

    def _json(self, name: str, column: str) -> str:
        """A value of the stage (alias s) as JSON holds it: decimals as exact text."""
        if isinstance(self.upsert.field(name), models.DecimalField):
            return f"CAST(s.{_q(column)} AS TEXT)"
        return f"s.{_q(column)}"

    def _adapt(self, name: str, value):
        if isinstance(value, Decimal):
            return connection.ops.adapt_decimalfield_value(value)
        return value

    def _python(self, values: tuple) -> tuple:
        """Values read back from the stage as the model has them (SQLite gives decimals as
        int or float)."""
        converted = []
        for name, value in zip(self.upsert.values, values, strict=True):
            field = self.upsert.field(name)
            if value is not None and isinstance(field, models.DecimalField):
                value = Decimal(str(value)).quantize(Decimal(1).scaleb(-field.decimal_places))
            converted.append(value)
        return tuple(converted)


def undo_batch(upsert: Upsert, batch_id: int) -> tuple[int, int, list[int]]:
    """Undo an import of `upsert.model` records set-based, if none changed since.

    Compares every record the batch wrote with the values its `ImportChange` rows hold, in
    SQL; if none differs, deletes the records it created and puts back the values it replaced.
    Returns (records changed since, of which deleted, a few ids to name); nothing is written
    unless the first is 0. Locks the records first on PostgreSQL.
    """
    table, pk = _q(upsert.model._meta.db_table), _q(upsert.model._meta.pk.column)
    changes = _q(ImportChange._meta.db_table)
    postgres = connection.vendor == "postgresql"

    def recorded(column: str, name: str) -> str:
        if postgres:
            text = f"c.{column}->>'{name}'"
            return (
                f"({text})::numeric"
                if isinstance(upsert.field(name), models.DecimalField)
                else text
            )
        return f"json_extract(c.{column}, '$.{name}')"  # NUMERIC affinity converts decimals

    joined = f"FROM {changes} AS c LEFT JOIN {table} AS f ON f.{pk} = c.object_id"
    mine = "c.batch_id = %s"
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT f.{pk} FROM {table} AS f JOIN {changes} AS c "
                f"ON f.{pk} = c.object_id WHERE {mine} FOR UPDATE OF f) AS locked",
                [batch_id],
            )
        differs = " OR ".join(
            _distinct(f"f.{_q(name)}", recorded("new", name)) for name in upsert.values
        )
        touched = f"{mine} AND (f.{pk} IS NULL OR {differs})"
        cursor.execute(
            f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN f.{pk} IS NULL THEN 1 ELSE 0 END), 0) "
            f"{joined} WHERE {touched}",
            [batch_id],
        )
        count, deleted = cursor.fetchone()
        if count:
            cursor.execute(
                f"SELECT c.object_id {joined} WHERE {touched} AND f.{pk} IS NOT NULL "
                "ORDER BY c.id LIMIT 5",
                [batch_id],
            )
            return count, deleted, [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"DELETE FROM {table} WHERE {pk} IN "
            f"(SELECT c.object_id FROM {changes} AS c WHERE {mine} AND c.created)",
            [batch_id],
        )
        restored = ", ".join(f"{_q(name)} = {recorded('old', name)}" for name in upsert.values)
        cursor.execute(
            f"UPDATE {table} AS f SET {restored} FROM {changes} AS c "
            f"WHERE {mine} AND NOT c.created AND f.{pk} = c.object_id",
            [batch_id],
        )
    return 0, 0, []
