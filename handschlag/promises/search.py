"""Full-text search over promises: title, description, condition, place and promiser.

Each promise keeps a `search_text`: the words of what it says, where it is and who promises it
(the organisation's name, or a person's public "first name + initial", never more), each
lower-cased and reduced to its stem by the Snowball German stemmer ("Laptops" and "Laptop" →
"laptop", "Müller" and "Mueller" → "mull", "Straße" and "Strasse" → "strass"). Trailing plural
"s" of loanwords, which German stemming keeps ("Tablets", "Laptops"), is cut as well. A query
goes through the same steps, so both sides always agree; every query word must match the start
of a word of the promise ("Pots" finds Potsdam).

The index behind it:
- PostgreSQL: `search_vector`, a tsvector of `search_text` with the 'german' configuration,
  with a GIN index (migration 0004); queried with `@@ to_tsquery('german', 'w1:* & w2:*')`.
- SQLite: an FTS5 table `promises_promise_fts` (rowid = promise id) over the same text,
  queried with MATCH; without it (another database) a LIKE on `search_text`.
`search_text` and the index are written by `reindex()` — on every save of a promise and when an
organisation or a person is renamed (signals below) — and by bulk loaders (`reindex(all)`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import snowballstemmer
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import Expression

FTS_TABLE = "promises_promise_fts"
# the statements on it, written out (no string building around SQL)
_FTS_DELETE = "DELETE FROM promises_promise_fts WHERE rowid = %s"
_FTS_INSERT = "INSERT INTO promises_promise_fts (rowid, search_text) VALUES (%s, %s)"
_FTS_MATCH = "SELECT rowid FROM promises_promise_fts WHERE promises_promise_fts MATCH %s"
MAX_QUERY_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
_stemmer = snowballstemmer.stemmer("german")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """One lower-case word's stem (cached: a language has far fewer words than texts)."""
    stemmed: str = _stemmer.stemWord(word)
    if len(stemmed) > 4 and stemmed.endswith("s") and not stemmed.endswith("ss"):
        stemmed = stemmed[:-1]  # "laptops" → "laptop": plural s of loanwords
    return stemmed


def words(text: str) -> list[str]:
    """The stems of a text's words, in order (duplicates kept)."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return [stem(word) for word in _WORD.findall(text)]


def document(*parts: str) -> str:
    """The search text of some parts: each stem once, space-separated."""
    seen: dict[str, None] = {}
    for part in parts:
        for word in words(part):
            seen.setdefault(word, None)
    return " ".join(seen)


def query_words(q: str) -> list[str]:
    """The stems a query asks for (at most MAX_QUERY_WORDS, each once)."""
    return list(dict.fromkeys(words(q)))[:MAX_QUERY_WORDS]


def promise_document(promise: Any) -> str:
    """The search text of a promise whose municipality, organisation and owner are loaded."""
    municipality = promise.municipality.name if promise.municipality_id else ""
    if promise.organisation_id:
        promiser = promise.organisation.name
    else:
        promiser = promise.owner.public_name if promise.owner.first_name else ""
    return document(promise.title, promise.description, promise.condition, municipality, promiser)


# --- writing the index ---------------------------------------------------------------------


def fts_available() -> bool:
    """Whether this SQLite database has the FTS5 table (asked once per connection)."""
    if connection.vendor != "sqlite":
        return False
    if getattr(connection, "_promise_fts", False):
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=%s", [FTS_TABLE])
        found = cursor.fetchone() is not None
    if found:
        connection._promise_fts = True  # type: ignore[attr-defined]
    return found


def reindex(promises: QuerySet[Any] | Iterable[Any], *, batch_size: int = 2000) -> int:
    """Recompute `search_text` (and the database's index) of `promises`; returns how many.

    Takes a queryset (read in batches with the related rows) or loaded promises."""
    from .models import Promise

    if isinstance(promises, QuerySet):
        ids = list(promises.order_by().values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), batch_size):
            batch = Promise.objects.filter(pk__in=ids[start : start + batch_size]).select_related(
                "municipality", "organisation", "owner"
            )
            done += _write(list(batch))
        return done
    return _write(list(promises))


def _write(promises: list[Any]) -> int:
    from .models import Promise

    if not promises:
        return 0
    for promise in promises:
        promise.search_text = promise_document(promise)
    Promise.objects.bulk_update(promises, ["search_text"], batch_size=500)
    write_index({promise.pk: promise.search_text for promise in promises})
    return len(promises)


def write_index(texts: dict[int, str]) -> None:
    """Put the stored `search_text` of these promises (pk → text) into the database's index;
    for bulk loaders that set `search_text` themselves before bulk_create."""
    from .models import Promise

    if not texts:
        return
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        Promise.objects.filter(pk__in=list(texts)).update(
            search_vector=SearchVector("search_text", config="german")
        )
    elif fts_available():
        with connection.cursor() as cursor:
            cursor.executemany(_FTS_DELETE, [(pk,) for pk in texts])
            cursor.executemany(_FTS_INSERT, list(texts.items()))


def forget(pks: Iterable[int]) -> None:
    """Remove deleted promises from the SQLite index (PostgreSQL's lives in the row)."""
    if fts_available():
        with connection.cursor() as cursor:
            cursor.executemany(_FTS_DELETE, [(pk,) for pk in pks])


# --- searching -----------------------------------------------------------------------------


class FtsMatch(Expression):
    """`promise.id IN (the FTS5 matches)`, as a filter condition on SQLite.

    How SQLite should run it depends on the query (measured at 100,000 promises, bench/):
    counting is fastest from the matches (a primary-key lookup each), and so is a page of a
    word found in few promises; but a word found in thousands is paged fastest when SQLite walks
    its newest-first index and stops after 20 hits, instead of joining and sorting all of them.
    So a newest-first page first counts the matches in the FTS table (one query, under a
    millisecond) and, above COMMON matches, puts a unary `+` before the column, which keeps
    SQLite from driving the page by the matches. Counts and other orders stay as they are.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, match: str) -> None:
        super().__init__()
        self.match = match

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str, ...]]:
        column = f'{compiler.quote_name_unless_alias(compiler.query.get_initial_alias())}."id"'
        order = compiler.query.order_by
        newest_first = bool(order) and order[0] == "-published_at"
        prefix = "+" if newest_first and _match_count(connection, self.match) > COMMON else ""
        return f"{prefix}{column} IN ({_FTS_MATCH})", (self.match,)


COMMON = 1000
"""Above this many matches a newest-first page walks the index (see FtsMatch)."""
_FTS_COUNT = "SELECT count(*) FROM promises_promise_fts WHERE promises_promise_fts MATCH %s"


def _match_count(connection: Any, match: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(_FTS_COUNT, [match])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def search(queryset: QuerySet[Any], q: str) -> QuerySet[Any]:
    """`queryset` narrowed to the promises that contain every word of `q` (see above)."""
    stems = query_words(q)
    if not stems:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        raw = " & ".join(f"{word}:*" for word in stems)
        return queryset.filter(search_vector=SearchQuery(raw, config="german", search_type="raw"))
    if fts_available():
        match = " AND ".join(f'"{word}"*' for word in stems)
        # the words are stems (letters and digits only), quoted; the MATCH is a parameter
        return queryset.filter(FtsMatch(match))
    condition = Q()
    for word in stems:
        condition &= Q(search_text__startswith=word) | Q(search_text__contains=f" {word}")
    return queryset.filter(condition)


# --- keeping it current --------------------------------------------------------------------

# fields of a promise that feed its search text (a save that changes none of them skips it)
_PROMISE_FIELDS = frozenset(
    {"title", "description", "condition", "municipality", "organisation", "owner"}
    | {"municipality_id", "organisation_id", "owner_id"}
)
_NAME_FIELDS = frozenset({"name", "first_name", "last_name"})


def _touches(update_fields: Iterable[str] | None, fields: frozenset[str]) -> bool:
    return update_fields is None or bool(set(update_fields) & fields)


def _promise_saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if kwargs.get("raw") or not _touches(update_fields, _PROMISE_FIELDS):
        return
    reindex([instance])


def _promise_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    forget([instance.pk])


def _organisation_saved(
    sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any
) -> None:
    """A renamed organisation is found by its new name."""
    from .models import Promise

    if kwargs.get("created") or kwargs.get("raw") or not _touches(update_fields, _NAME_FIELDS):
        return
    reindex(Promise.objects.filter(organisation=instance))


def _person_saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """A person's public name feeds the promises they make without an organisation."""
    from .models import Promise

    if kwargs.get("created") or kwargs.get("raw") or not _touches(update_fields, _NAME_FIELDS):
        return
    reindex(Promise.objects.filter(owner=instance, organisation__isnull=True))


def _municipality_saved(
    sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any
) -> None:
    """A renamed town is found by its new name (a rename in the admin)."""
    if kwargs.get("created") or kwargs.get("raw") or not _touches(update_fields, _NAME_FIELDS):
        return
    _municipalities_renamed(sender, ids=[instance.pk])


def _municipalities_renamed(sender: Any, ids: list[int], **kwargs: Any) -> None:
    from .models import Promise

    reindex(Promise.objects.filter(municipality_id__in=ids))


def connect() -> None:
    """Called from PromisesConfig.ready()."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_delete, post_save

    from handschlag.organisations.models import Organisation
    from handschlag.places.models import Municipality
    from handschlag.places.signals import municipalities_renamed

    from .models import Promise

    post_save.connect(_promise_saved, sender=Promise, dispatch_uid="promise-search")
    post_delete.connect(_promise_deleted, sender=Promise, dispatch_uid="promise-search-delete")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="promise-search-org")
    post_save.connect(_person_saved, sender=get_user_model(), dispatch_uid="promise-search-user")
    post_save.connect(_municipality_saved, sender=Municipality, dispatch_uid="promise-search-town")
    municipalities_renamed.connect(_municipalities_renamed, dispatch_uid="promise-search-towns")
