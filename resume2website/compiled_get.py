"""One-row lookups by key whose SQL the ORM writes once per process.

Django turns a queryset into SQL each time it runs it. For a lookup by key that is most of
the work: the session-token lookup behind every API request spent ~160 µs of CPU building
and compiling its SQL and ~170 µs running it and making the models. A CompiledGet has the
ORM compile its queryset once (at the first call), then runs that SQL with
each call's values and turns the row into model instances as the ORM's own iterator does:
field converters, `Model.from_db`, `select_related` models. Each value is prepared for the
database by its field (`get_db_prep_value`), and the first call checks that this gives
exactly the parameters the ORM compiled, so a lookup the ORM would prepare differently
fails at once instead of querying wrongly. Written here because Django has no compiled or
prepared-query API.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators


@dataclass(frozen=True)
class _Compiled:
    model: type[Model]
    sql: str
    fields: list  # per lookup: the model field that prepares its value
    converters: list  # (column position, converter functions, expression)
    init_list: list[str]
    model_columns: slice
    related_populators: list

    def params(self, values, connection) -> list:
        return [field.get_db_prep_value(value, connection) for field, value in zip(self.fields, values)]


class CompiledGet:
    """`CompiledGet(lambda: Session.objects.select_related("user"), "session_key", "expire_date__gt")`

    `.get(key, now)` is the one matching instance or None. The lookups are filter keywords
    on the model's own fields (`pk` included) and must select at most one row. No value may be
    None: the ORM writes `IS NULL` for it, a different query.
    """

    def __init__(self, queryset: Callable[[], QuerySet], *lookups: str):
        self._queryset = queryset
        self._lookups = lookups
        self._compiled: tuple[str, _Compiled] | None = None  # (database alias, compiled query)

    def get(self, *values) -> Model | None:
        if len(values) != len(self._lookups):
            raise TypeError(f"Expected {len(self._lookups)} values ({', '.join(self._lookups)}).")
        if any(value is None for value in values):
            raise ValueError(f"None is not a value for {', '.join(self._lookups)}.")
        db, compiled = self._compiled or self._compile(values)
        connection = connections[db]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, compiled.params(values, connection))
            rows = cursor.fetchmany(2)
        if not rows:
            return None
        if len(rows) > 1:
            raise compiled.model.MultipleObjectsReturned(
                f"More than one {compiled.model.__name__} for {', '.join(self._lookups)}.")
        row = list(rows[0])
        for position, functions, expression in compiled.converters:
            value = row[position]
            for convert in functions:
                value = convert(value, expression, connection)
            row[position] = value
        obj = compiled.model.from_db(db, compiled.init_list, row[compiled.model_columns])
        for populator in compiled.related_populators:
            populator.populate(row, obj)
        return obj

    def _compile(self, values) -> tuple[str, _Compiled]:
        queryset = self._queryset()
        for lookup, value in zip(self._lookups, values):
            queryset = queryset.filter(**{lookup: value})
        queryset = queryset.order_by()[:2]  # as get(): no sorting, at most two rows
        db = queryset.db
        compiler = queryset.query.get_compiler(using=db)
        sql, orm_params = compiler.as_sql()
        model = queryset.model
        select, klass_info = compiler.select, compiler.klass_info
        columns = klass_info["select_fields"]
        compiled = _Compiled(
            model=model,
            sql=sql,
            fields=[model._meta.pk if name == "pk" else model._meta.get_field(name)
                    for name in (lookup.split("__")[0] for lookup in self._lookups)],
            converters=[(position, functions, expression) for position, (functions, expression)
                        in compiler.get_converters([column[0] for column in select]).items()],
            init_list=[column[0].target.attname for column in select[columns[0]:columns[-1] + 1]],
            model_columns=slice(columns[0], columns[-1] + 1),
            related_populators=get_related_populators(klass_info, select, db),
        )
        params = compiled.params(values, connections[db])
        if list(orm_params) != params:
            raise ImproperlyConfigured(f"CompiledGet({model.__name__}, {', '.join(self._lookups)}): the ORM "
                                       f"compiled the parameters {orm_params!r}, the fields prepare {params!r}.")
        self._compiled = (db, compiled)
        return self._compiled
