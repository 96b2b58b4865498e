"""One page of a listing, for every listing of the core and the plugins: ?page=N checked (1 to 1000, else
400), the total counted by the database, a page beyond the last a 404, and the addresses of the other
pages keeping the listing's filters. Templates show it with content_macros' `pager` macro."""
from dataclasses import dataclass
from typing import Any, Callable

from pyramid.httpexceptions import HTTPNotFound
from sqlalchemy import func, select

from .forms import page_number


@dataclass
class Page:
    items: list
    number: int
    total: int
    size: int
    url: Callable[[int], str]

    @property
    def pages(self) -> int:
        return max(1, (self.total + self.size - 1) // self.size)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    def numbers(self, around: int = 2) -> list[int | None]:
        """The page numbers a pager links: the first, the last and `around` on each side of this one;
        None where numbers are left out (shown as an ellipsis)."""
        shown = sorted({1, self.pages} | set(range(max(1, self.number - around), min(self.pages, self.number + around) + 1)))
        out: list[int | None] = []
        for n in shown:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out


def page_address(request, number, params=None):
    """The current listing's address at page `number`, with its other parameters (page 1 has none)."""
    query = [(k, v) for k, v in (request.GET if params is None else params).items() if k != "page"]
    if number > 1:
        query.append(("page", str(number)))
    return request.current_route_path(_query=query)


def paginate(request, stmt, size: int = 20, scalars: bool = True, params=None, url=None) -> Page:
    """The page of `stmt` (a select, ordered) that ?page= asks for. scalars=False keeps rows of several
    columns; url(n) overrides the address of page n."""
    number = page_number(request, params)
    total = request.dbsession.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    if number > 1 and (number - 1) * size >= total:
        raise HTTPNotFound()
    window = stmt.limit(size).offset((number - 1) * size)
    items: list[Any] = list(request.dbsession.scalars(window) if scalars else request.dbsession.execute(window))
    return Page(items=items, number=number, total=total, size=size,
                url=url or (lambda n: page_address(request, n, params)))
