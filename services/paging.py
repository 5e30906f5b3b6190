"""A page of a list counted and paged in SQL: the arithmetic every paged list shares."""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlmodel.sql.expression import Select, SelectOfScalar

Q = TypeVar("Q", Select[Any], SelectOfScalar[Any])
R = TypeVar("R")


@dataclass(frozen=True)
class Page(Generic[R]):
    """One page of a list: its rows, how many match in all, and which page of how many."""

    rows: list[R]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class Window:
    """Which rows of a list of `total` one page shows."""

    page: int
    pages: int
    size: int
    total: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def of(self, query: Q) -> Q:
        """`query` limited to this page's rows (it must be ordered for pages to be stable)."""
        return query.offset(self.offset).limit(self.size)

    def holding(self, rows: list[R]) -> Page[R]:
        """The page these rows (this window's) make."""
        return Page(rows, self.total, self.page, self.pages)


def window(total: int, page: int, size: int) -> Window:
    """The page asked for, kept within 1..pages: a list that has shrunk since the reader paged
    on shows its last page, and an empty list has one, empty, page.

    Examples
    --------
    >>> window(51, 9, 25)
    Window(page=3, pages=3, size=25, total=51)
    >>> window(0, 1, 25).offset, window(0, 1, 25).pages
    (0, 1)
    >>> window(50, 2, 25).offset
    25
    """
    pages = max(1, -(-total // size))
    return Window(min(max(page, 1), pages), pages, size, total)
