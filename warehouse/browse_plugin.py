"""The Datasette plugin of `kompass browse` (registered by `warehouse.browse.serve`).

- `prepare_connection`: `kompass_stem()` and `kompass_fts()` in SQL (canned queries use them);
- `filters_from_request`: `?_search=` on the `findings` and `question_scores` views, stemmed
  and in FTS5 syntax (Datasette's own search works on tables only, and quotes every word);
- `asgi_wrapper`: a view's HTML page without `_col`/`_nocol` opens with the field table's
  reading order (`_col=…`), so the text and the points are on screen and ids come last;
- `extra_template_vars`: the views and their one-line descriptions for the home and database
  pages (`browse_templates/`).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.filters import FilterArguments

from warehouse import fields, fulltext
from warehouse.browse_site import CANNED, NAME


@hookimpl
def prepare_connection(conn) -> None:
    fulltext.register(conn)


@hookimpl(trylast=True)  # last, so that its supports_search wins over Datasette's own
def filters_from_request(request, database, table, datasette):
    if database != NAME or table not in fulltext.SEARCHABLE:
        return None
    query = request.args.get("_search", "")
    stemmed = fulltext.fts_query(query)
    context = {"supports_search": True, "search": query}
    if not stemmed:
        return FilterArguments([], extra_context=context)
    return FilterArguments(
        [fulltext.view_match_sql(table, ":kompass_search")],
        {"kompass_search": stemmed},
        [f'search matches "{query}"'],
        context,
    )


def reading_order(scope: dict) -> dict:
    """The request with `_col=` in the field table's order, for a view's HTML page."""
    prefix = f"/{NAME}/"
    path = scope.get("path", "")
    view = fields.BY_NAME.get(path[len(prefix) :]) if path.startswith(prefix) else None
    if view is None:
        return scope
    args = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if any(k in ("_col", "_nocol") for k, _ in args):
        return scope
    args += [("_col", c) for c in view.display_columns()]
    return {**scope, "query_string": urlencode(args).encode("latin-1")}


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def ordered(scope, receive, send):
            if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
                scope = reading_order(scope)
            await app(scope, receive, send)

        return ordered

    return wrap


@hookimpl
def extra_template_vars(template, database, table, columns, view_name, request, datasette):
    return {
        "kompass_db": NAME,
        "kompass_views": [{"name": v.name, "description": v.description} for v in fields.VIEWS],
        "kompass_queries": [{"name": k, "title": q["title"]} for k, q in CANNED.items()],
    }
