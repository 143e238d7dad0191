"""Search that ignores case and Vietnamese accents: "buu chinh" and "BƯU CHÍNH" both find "bưu chính".

`fold()` is the rule in Python; `Folded` is the same rule in SQL (PostgreSQL: LOWER then TRANSLATE;
SQLite: the Python function registered on each connection), so the database does the filtering.
"""

from __future__ import annotations

import unicodedata
from functools import reduce
from operator import and_, or_
from typing import Any, TypeVar

from django.db.backends.signals import connection_created
from django.db.models import Func, Model, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.dispatch import receiver

M = TypeVar("M", bound=Model)

_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
# Upper case too: a database in the C locale lowers ASCII letters only.
ACCENTED = _LOWER + _LOWER.upper()
PLAIN = "".join("d" if ch in "đĐ" else unicodedata.normalize("NFD", ch)[0].lower() for ch in ACCENTED)
_TABLE = str.maketrans(ACCENTED, PLAIN)
SQLITE_FUNCTION = "EISO_FOLD"


def fold(text: str | None) -> str:
    """Lower case, Vietnamese accents removed, spaces collapsed."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).lower().translate(_TABLE).split())


class Folded(Func):
    """An expression's text folded as `fold()` does, computed by the database."""

    function = SQLITE_FUNCTION
    arity = 1

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        expression = Func(
            Lower(self.source_expressions[0]), Value(ACCENTED), Value(PLAIN), function="TRANSLATE"
        )
        return expression.as_sql(compiler, connection, **extra)


@receiver(connection_created)
def _register_sqlite_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)


def search(queryset: QuerySet[M], text: str, *fields: str) -> QuerySet[M]:
    """Rows where every word of `text` occurs, folded, in one of `fields`."""
    words = fold(text).split()
    if not words:
        return queryset
    aliases = {f"_folded_{i}": Folded(field) for i, field in enumerate(fields)}
    queryset = queryset.alias(**aliases)
    per_word = [reduce(or_, (Q(**{f"{alias}__contains": word}) for alias in aliases)) for word in words]
    return queryset.filter(reduce(and_, per_word))
