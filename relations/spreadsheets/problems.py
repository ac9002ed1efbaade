"""What is wrong in a file, where the editor can find it, grouped by cause.

A hostile or careless file can have a problem on every one of its 200,000 rows; listing each
would bury the cause and hold them all in memory. So identical problems (same column, same
message) are one group with the number of rows and the lines they cover: “XX” is not an HS
chapter: 34 rows, lines 2–553. Only the first groups are kept (`GROUPS_KEPT`); the counts
cover every row.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

GROUPS_KEPT = 1000  # causes remembered; the preview shows the first SHOWN_GROUPS
SHOWN_GROUPS = 50
RANGES_KEPT = 5  # line ranges named in a group before it says only "lines A–B"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the file, where the editor can find it (line 0: the whole file)."""

    line: int
    column: str
    message: str

    def __str__(self):
        where = _("Line %(line)s") % {"line": self.line} if self.line else _("File")
        if self.column:
            where += _(", column “%(column)s”") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ProblemGroup:
    """Rows that share one problem: the column, the message, how many rows, which lines."""

    column: str
    message: str
    count: int = 0
    ranges: list[list[int]] = field(default_factory=list)  # [first, last] runs of lines
    last: int = 0

    def add(self, line: int) -> None:
        self.count += 1
        self.last = max(self.last, line)
        if self.ranges and self.ranges[-1][1] + 1 >= line >= self.ranges[-1][0]:
            self.ranges[-1][1] = max(self.ranges[-1][1], line)
        elif len(self.ranges) <= RANGES_KEPT:
            self.ranges.append([line, line])

    @property
    def first(self) -> int:
        return self.ranges[0][0] if self.ranges else 0

    @property
    def lines(self) -> str:
        """ "2", "2–5, 9", or "2–553" when the lines are too scattered to name."""
        if not self.first:
            return ""
        if len(self.ranges) > RANGES_KEPT:
            return f"{self.first}–{self.last}"
        return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in self.ranges)

    def __str__(self):
        if self.count == 1 or not self.first:
            return str(Problem(self.first, self.column, self.message))
        where = ngettext(
            "%(count)s row, line %(lines)s", "%(count)s rows, lines %(lines)s", self.count
        ) % {
            "count": f"{self.count:,}",
            "lines": self.lines,
        }
        if self.column:
            where += _(", column “%(column)s”") % {"column": self.column}
        return f"{where}: {self.message}"


class ProblemLog:
    """Every problem of one import, grouped by (column, message), in the order first met."""

    def __init__(self):
        self._groups: dict[tuple[str, str], ProblemGroup] = {}
        self.total = 0  # problems, all groups
        self.dropped = 0  # problems of groups not kept
        self._rows = 0
        self._last_line = -1

    def add(self, line: int, column: str, message: str) -> None:
        self.total += 1
        if line and line != self._last_line:
            # Rows are checked in order, so counting line changes counts invalid rows
            # without remembering every line.
            self._rows += 1
            self._last_line = line
        key = (column, message)
        group = self._groups.get(key)
        if group is None:
            if len(self._groups) >= GROUPS_KEPT:
                self.dropped += 1
                return
            group = self._groups[key] = ProblemGroup(column, message)
        group.add(line)

    def extend(self, problems) -> None:
        for problem in problems:
            self.add(problem.line, problem.column, problem.message)

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return len(self._groups)

    def __iter__(self):
        return iter(self.groups)

    @property
    def invalid_rows(self) -> int:
        """Rows with at least one problem (problems of the whole file count as none)."""
        return self._rows

    @property
    def groups(self) -> list[ProblemGroup]:
        """By first line; problems of one line in the order they were found."""
        return sorted(self._groups.values(), key=lambda group: group.first)

    def shown(self, limit: int = SHOWN_GROUPS) -> list[ProblemGroup]:
        return self.groups[:limit]

    @property
    def hidden(self) -> int:
        """Problems not in the first SHOWN_GROUPS groups."""
        return self.total - sum(group.count for group in self.shown())

    def messages(self) -> list[str]:
        return [str(group) for group in self.groups]
