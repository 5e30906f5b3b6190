"""A page of a list counted and paged in SQL: the arithmetic every paged list shares."""

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel.sql.expression import Select, SelectOfScalar

Q = TypeVar("Q", Select[Any], SelectOfScalar[Any])


@dataclass(frozen=True)
class Window:
    """Which rows of a list of `total` one page shows."""

    page: int
    pages: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def of(self, query: Q) -> Q:
        """`query` limited to this page's rows (it must be ordered for pages to be stable)."""
        return query.offset(self.offset).limit(self.size)


def window(total: int, page: int, size: int) -> Window:
    """The page asked for, kept within 1..pages: a list that has shrunk since the reader paged
    on shows its last page, and an empty list has one, empty, page.

    Examples
    --------
    >>> window(51, 9, 25)
    Window(page=3, pages=3, size=25)
    >>> window(0, 1, 25).offset, window(0, 1, 25).pages
    (0, 1)
    >>> window(50, 2, 25).offset
    25
    """
    pages = max(1, -(-total // size))
    return Window(min(max(page, 1), pages), pages, size)
