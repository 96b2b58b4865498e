"""The shapes of what plugins hand the directives: one argument order everywhere, the request first.

    from portal.api import SearchDocument

    def experience_document(request: Request, obj: Experience) -> SearchDocument: ...

mypy checks the plugins' callbacks against these (`make lint`)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol, TypedDict

from pyramid.request import Request


class SearchDocument(TypedDict, total=False):
    """What add_search_index's document(request, obj) returns; the core adds key, type, language,
    allowed (from the object's ACL), year, region and facets when they are left out."""

    title: str
    text: str
    extra: str  # searched, weighted below the title and text, never shown (labels, place names)
    url: str
    date: datetime | None
    language: str
    region: list[str]
    facets: dict[str, list[str]]
    allowed: list[str]


class SectionItem(TypedDict, total=False):
    """One line of a home, member or region section (and of /manage's "Waiting for you")."""

    title: Any  # a name, or a translation string
    url: str
    note: Any
    badge: Any
    step: Any
    cover: int  # the id of the content item whose cover image the home page's card shows
    image: Any  # a File row (an image) shown beside the title, in an item section (add_item_section)


class DashboardItem(TypedDict, total=False):
    """One line of a panel of /my (add_dashboard_panel): state is a short status ("Draft", "Subscribed")."""

    title: Any
    url: str
    note: Any
    state: Any


class Badge(TypedDict, total=False):
    title: Any
    url: str
    note: Any


class DocumentCallback(Protocol):
    def __call__(self, request: Request, obj: Any) -> SearchDocument: ...


class FacetsCallback(Protocol):
    """add_search_facets: {facet: values} added to another plugin's search document of obj."""

    def __call__(self, request: Request, obj: Any) -> Mapping[str, Iterable[Any]]: ...


class BadgesCallback(Protocol):
    def __call__(self, request: Request, obj: Any) -> list[Badge]: ...


class SectionCallback(Protocol):
    """add_home_section (subject None), add_member_section (a member), add_region_section (a region code)."""

    def __call__(self, request: Request, subject: Any, limit: int) -> list[SectionItem]: ...


class ItemSectionCallback(Protocol):
    """add_item_section: the lines of the box on obj's page, obj being an item of the resource or content
    type `name` (an event, a campaign, a workshop)."""

    def __call__(self, request: Request, obj: Any, name: str) -> list[SectionItem]: ...


@dataclass(frozen=True)
class TimelineEntry:
    """One moment of a member organisation's history (add_timeline): when it happened (a date, or a UTC
    moment shown in the reader's zone), its kind (one of the kinds the plugin declared), what it is
    called, where to read more and a short note."""

    when: date | datetime
    kind: str
    title: Any  # a name, or a translation string
    url: str | None = None
    note: Any = None


class TimelineCallback(Protocol):
    """add_timeline's entries: the moments of the member's history this visitor may see."""

    def __call__(self, request: Request, member: Any) -> Iterable[TimelineEntry]: ...


class RequestCallback(Protocol):
    """add_export rows, add_manage_tasks, add_search_exclusion, add_periodic_task, add_demo_data: the
    request alone."""

    def __call__(self, request: Request) -> Any: ...


ExportRow = Mapping[str, Any]
"""One row of an export: the export's columns by name (add_export(columns=...))."""


class ExportRows(Protocol):
    """add_export's rows: the rows the reader may see, as an iterable (a generator, to stream)."""

    def __call__(self, request: Request) -> Iterable[ExportRow]: ...


class ImportRun(Protocol):
    """add_import's run: writes the rows of a file (each a mapping of column to text) in batches of
    batch_size, calls commit() after each batch and progress(done) as it goes; returns the report."""

    def __call__(self, request: Request, rows: Iterable[Mapping[str, Any]], commit: Any = None,
                 batch_size: int = 500, progress: Any = None) -> Any: ...


class DemoData(Protocol):
    """add_demo_data's create: fills an empty site with the plugin's realistic content."""

    def __call__(self, request: Request) -> None: ...


class ViewValues(Protocol):
    """add_content_type's view_values: what the type's own view template needs besides the item."""

    def __call__(self, request: Request, obj: Any) -> dict[str, Any]: ...


def request_first(callback: Any, what: str) -> Any:
    """Refuse at start-up a callback whose first parameter is not the request: a callback written
    obj-first would be handed the request as its object and fail only when first called."""
    import inspect
    try:
        parameters = list(inspect.signature(callback).parameters.values())
    except (TypeError, ValueError):  # a builtin or a C callable: nothing to read
        return callback
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if positional and positional[0].name.lstrip("_") not in ("request", "req"):
        from pyramid.exceptions import ConfigurationError
        name = getattr(callback, "__qualname__", repr(callback))
        raise ConfigurationError(f"{what}: {name}({', '.join(p.name for p in positional)}) must take the request "
                                 "first (portal.callbacks)")
    return callback
