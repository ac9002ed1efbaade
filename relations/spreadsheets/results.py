"""What an import did or, in a dry run, would do: counts, problems, changes, page changes."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from relations.spreadsheets.problems import ProblemLog

# Old → new pairs kept for the preview; the counts cover every row.
CHANGES_KEPT = 1000


@dataclass(frozen=True)
class Change:
    """One cell of an existing record that the import overwrites: old → new."""

    line: int
    label: str
    column: str
    old: object
    new: object


@dataclass(frozen=True)
class SentenceChange:
    """A sentence of a profile page that would read differently after the import."""

    profile: str
    language: str
    heading: str
    before: str
    after: str
    segments: list[tuple[str, str]]


@dataclass(frozen=True)
class FigureChange:
    """A figure of a profile's chart and table that would change: old → new (None: absent)."""

    profile: str
    figure: str
    old: str | None
    new: str | None


@dataclass
class ImportResult:
    """The outcome of one import. `ok` means no problem: every row was (or would be) written.

    `empty` means the file had a header and no data rows: nothing to import, nothing recorded.
    """

    dry_run: bool
    layout: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: ProblemLog = field(default_factory=ProblemLog)
    notes: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    changed_cells: int = 0  # all of them; `changes` keeps the first CHANGES_KEPT
    sentences: list[SentenceChange] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)
    empty: bool = False
    sha256: str = ""
    batch: object = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def invalid(self) -> int:
        """Rows with at least one problem (problems of the whole file count as none)."""
        return self.problems.invalid_rows

    def problem(self, line: int, column: str, message: str) -> None:
        self.problems.add(line, column, message)

    def change(self, change: Change) -> None:
        self.changed_cells += 1
        if len(self.changes) < CHANGES_KEPT:
            self.changes.append(change)

    @property
    def summary(self) -> str:
        return _("%(created)s new, %(updated)s updated, %(unchanged)s unchanged") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        } + (_(", %(invalid)s invalid") % {"invalid": self.invalid} if self.problems else "")
