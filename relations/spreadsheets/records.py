"""Record sheets: one row, one record (meetings, diplomatic missions, cultural highlights).

django-import-export does the work it is good at: a `ModelResource` per sheet finds each
row's record by its natural key (`import_id_fields` from the model's NATURAL_KEY, through a
key map loaded in one query instead of a query per row), turns cells into values (widgets),
validates the record (`full_clean()` and the model's `clean()`), leaves unchanged rows alone
(`skip_unchanged`), writes in bulk and renders exports. What it does not do, the engine
adds: strict widgets that refuse "١٩٩٩" and "04/03/2019" with a sentence an editor can act
on, the header checks (unknown, repeated and missing columns; a text in one language only),
the same key twice in one file, every problem located by line and column, the old → new
values of the preview, and the batch that undo reads.

A file's `profile` column is the profile's slug; every other column is a model field by
name, texts with an `_en` and an `_fr` column. An optional column left out keeps the stored
value of existing records and the default of new ones; records the file does not mention
are left as they are.
"""

import datetime
import re

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export import fields as resource_fields
from import_export import resources, widgets
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import RowResult

from relations.models import ImportChange, Profile
from relations.spreadsheets.files import Table, unescape_text
from relations.spreadsheets.numbers import parse_whole_number, short
from relations.spreadsheets.results import Change, ImportResult
from relations.spreadsheets.sheet import Importer, Progress, Sheet

RECORD_ROWS = 20_000  # rows per file: records are written one validated row at a time
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YEAR = re.compile(r"[0-9]{4}")


def column_name(header: str) -> str:
    """A header cell as a column name: "City (EN)" → "city_en"."""
    return re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")


# Widgets: a cell's text to a value, or ValueError with the reason for the editor


class TextWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return unescape_text(value or "")

    def render(self, value, **kwargs):
        return value or ""


class ChoiceWidget(widgets.Widget):
    def __init__(self, model_field: models.Field, **kwargs):
        super().__init__(**kwargs)
        self.field = model_field
        self.values = {str(value).lower(): value for value, _label in model_field.flatchoices}

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        if (choice := self.values.get(value.lower())) is not None:
            return choice
        raise ValueError(
            _("“%(text)s” is not a %(name)s; write one of %(choices)s.")
            % {
                "text": short(value),
                "name": self.field.verbose_name,
                "choices": ", ".join(self.values),
            }
        )

    def render(self, value, **kwargs):
        return value


class DateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        if DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise ValueError(
            _("“%(text)s” is not a date; write it as YYYY-MM-DD, e.g. 2012-05-07.")
            % {"text": short(value)}
        )

    def render(self, value, **kwargs):
        return value


class WholeNumberWidget(widgets.Widget):
    def __init__(self, model_field: models.Field, **kwargs):
        super().__init__(**kwargs)
        self.is_year = model_field.name == "year"
        # The column's range on any database (SQLite would store anything; PostgreSQL not).
        ranges = BaseDatabaseOperations.integer_field_ranges
        self.largest = ranges.get(model_field.get_internal_type(), (0, 2**31 - 1))[1]

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        if self.is_year and not YEAR.fullmatch(value):
            raise ValueError(
                _("“%(text)s” is not a year; write four digits, e.g. 2011.")
                % {"text": short(value)}
            )
        number = parse_whole_number(value)
        if isinstance(number, str):
            raise ValueError(number)
        if number > self.largest:
            raise ValueError(
                _("“%(text)s” is too large; the largest is %(largest)s.")
                % {"text": short(value), "largest": self.largest}
            )
        return number

    def render(self, value, **kwargs):
        return value


class ProfileWidget(widgets.Widget):
    """A profile by its slug, from the profiles of the file loaded once."""

    profiles: dict[str, Profile] = {}

    def clean(self, value, row=None, **kwargs):
        if not value:
            raise ValueError(_("Give the profile (its slug, e.g. russia)."))
        if (profile := self.profiles.get(value)) is None:
            raise ValueError(
                _("There is no profile “%(slug)s”; use the slug of an existing profile.")
                % {"slug": short(value)}
            )
        return profile

    def render(self, value, **kwargs):
        return value.slug if value else ""


def cell_widget(model_field: models.Field) -> widgets.Widget:
    if isinstance(model_field, models.ForeignKey):
        return ProfileWidget()
    if model_field.choices:
        return ChoiceWidget(model_field)
    if isinstance(model_field, models.DateField):
        return DateWidget()
    if isinstance(model_field, models.IntegerField):
        return WholeNumberWidget(model_field)
    return TextWidget()


# The resource


class NaturalKeyLoader(BaseInstanceLoader):
    """Finds a row's record in a key map of the file's profiles, loaded in one query."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        model = resource._meta.model
        records = model.objects.filter(profile__in=resource.profiles.values())
        self.records = {
            record.natural_key(): record for record in records.select_related("profile")
        }

    def get_instance(self, row):
        key = self.resource.row_key(row)
        return self.records.get(key) if key else None


class RecordResource(resources.ModelResource):
    """The library's ModelResource with our widgets, key map, checks and change record.

    One instance per import: it holds the file's profiles and lines, and what it wrote.
    """

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        store_instance = True
        skip_html_diff = True
        use_bulk = True
        batch_size = 1000
        instance_loader_class = NaturalKeyLoader

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        return resource_fields.Field(
            attribute=field_name,
            column_name=field_name,
            widget=cell_widget(django_field),
            readonly=readonly,
            default=django_field.default,
        )

    def __init__(self, *, sheet: "RecordSheet", profiles: dict, lines: list[int], present):
        super().__init__()
        self.sheet, self.profiles, self.lines = sheet, profiles, lines
        self.present = present  # the model fields the file has a column for
        self.fields["profile"].widget.profiles = profiles
        self.seen: dict[tuple, int] = {}
        self.outcomes: list[tuple[int, RowResult]] = []

    def row_key(self, row) -> tuple | None:
        """The natural key of a row, or None if one of its cells cannot be read."""
        try:
            return tuple(
                row["profile"] if name == "profile" else self.fields[name].clean(row)
                for name in self.sheet.key
            )
        except (ValueError, KeyError):
            return None

    def import_instance(self, instance, row, **kwargs):
        """Sets the row's values; the same key twice in one file is refused too."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict({})
        key = self.row_key(row)
        line = self.lines[kwargs["row_number"] - 1]
        if key is not None and not set(errors) & set(self.sheet.key):
            if (first := self.seen.get(key)) is not None:
                errors[NON_FIELD_ERRORS] = [
                    _("This %(noun)s is already on line %(first)s; keep one of the two.")
                    % {"noun": self.sheet.noun, "first": first}
                ]
            else:
                self.seen[key] = line
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own rules (`full_clean()`, `clean()`), without a query per row:
        uniqueness is the key map's and the file's business, the profile the file's map."""
        errors = dict(import_validation_errors or {})
        exclude = {*errors, "id", "profile", *self.sheet.not_imported}
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            # A cell already refused as unreadable is not reported again by clean().
            for name, messages in error.update_error_dict({}).items():
                if name not in errors:
                    errors[name] = messages
        if errors:
            raise ValidationError(errors)

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        self.outcomes.append((self.lines[kwargs["row_number"] - 1], row_result))
        return row_result

    def after_import(self, dataset, result, **kwargs):
        pass  # not the library's sequence reset: records get their ids from the database


class RecordSheet(Sheet):
    """A sheet of one model's records, each row found by the model's NATURAL_KEY."""

    max_rows = RECORD_ROWS
    help = gettext_lazy(
        "Rows find existing records by their key columns; records the file does not mention "
        "are left as they are. Texts have an English (_en) and a French (_fr) column."
    )

    def __init__(
        self,
        *,
        kind: str,
        model: type[models.Model],
        columns: tuple[str, ...],
        title: str | Promise,
        noun: str | Promise,
        ordering: tuple[str, ...],
        refused: dict | None = None,
    ):
        self.kind, self.model, self.columns = kind, model, columns
        self.title, self.noun, self.ordering = title, noun, ordering
        # Columns editors may expect, with the reason they are not read (images).
        self.refused = refused or {}
        key = tuple("profile" if path == "profile__slug" else path for path in model.NATURAL_KEY)
        self.key = key
        self.resource_class = resources.modelresource_factory(
            model,
            resource_class=RecordResource,
            meta_options={
                "fields": self.header,
                "import_order": self.header,
                "export_order": self.header,
                "import_id_fields": key,
            },
        )

    @property
    def header(self) -> tuple[str, ...]:
        return ("profile", *self.columns)

    @property
    def not_imported(self) -> list[str]:
        """Model fields no column writes (a highlight's image file)."""
        return [f.name for f in self.model._meta.concrete_fields if f.name not in self.header]

    def field(self, name: str) -> models.Field:
        return self.model._meta.get_field(name)

    @property
    def required(self) -> tuple[str, ...]:
        """Columns a file must have: the key, and fields with neither a blank nor a default."""
        needed = [
            name
            for name in self.columns
            if not (self.field(name).blank or self.field(name).has_default())
        ]
        return tuple(dict.fromkeys([*self.key, *needed]))

    def twin(self, name: str) -> str | None:
        """The other language's column of a text column, e.g. city_fr for city_en."""
        for mine, other in (("_en", "_fr"), ("_fr", "_en")):
            if name.endswith(mine) and (twin := name[: -len(mine)] + other) in self.columns:
                return twin
        return None

    def importer(self, *, options, result, progress) -> "RecordImporter":
        return RecordImporter(self, result=result, progress=progress)

    def export_rows(self, queryset):
        resource = self.resource_class(sheet=self, profiles={}, lines=[], present=())
        records = queryset.select_related("profile").order_by(*self.ordering)
        for record in records.iterator(chunk_size=2000):
            yield resource.export_resource(record)


class RecordImporter(Importer):
    def __init__(self, sheet: RecordSheet, *, result: ImportResult, progress: Progress):
        self.sheet, self.result, self.progress = sheet, result, progress
        self.dataset: tablib.Dataset | None = None
        self.lines: list[int] = []
        self.profiles: dict[str, Profile] = {}
        self.index: dict[str, int] = {}

    def check(self, table: Table) -> None:
        rows = iter(table.rows)
        first = next(rows, None)
        if first is None:
            self.result.problem(0, "", _("The file has no rows."))
            return
        header_line, header = first
        self.index = self.read_header(header_line, header)
        if not self.result.ok:
            return
        names = list(self.index)
        self.dataset = tablib.Dataset(headers=names)
        slugs = set()
        for line, cells in rows:
            if len(cells) > len(header) or any(
                cell for position, cell in enumerate(cells) if position not in self.index.values()
            ):
                self.result.problem(
                    line, "", _("This row has cells outside the columns of the header.")
                )
                continue
            values = [
                cells[self.index[name]] if self.index[name] < len(cells) else "" for name in names
            ]
            self.dataset.append(values)
            self.lines.append(line)
            slugs.add(values[names.index("profile")])
        if not self.lines and self.result.ok:
            self.result.empty = True
            self.result.notes.append(_("Nothing to import: the file has no rows under its header."))
            return
        self.progress(
            ngettext("Read %(count)s row.", "Read %(count)s rows.", len(self.lines))
            % {"count": f"{len(self.lines):,}"}
        )
        self.profiles = {p.slug: p for p in Profile.objects.filter(slug__in=slugs)}
        self.profile_ids = sorted(profile.pk for profile in self.profiles.values())

    def read_header(self, line: int, header: list[str]) -> dict[str, int]:
        """{column: position}; unknown, repeated and missing columns refused."""
        sheet, index = self.sheet, {}
        for position, cell in enumerate(header):
            name = column_name(cell)
            if name in sheet.refused:
                self.result.problem(line, cell, str(sheet.refused[name]))
            elif name in sheet.header and name in index:
                self.result.problem(
                    line, cell, _("The column “%(column)s” appears twice.") % {"column": cell}
                )
            elif name in sheet.header:
                index[name] = position
            elif cell:
                self.result.problem(
                    line,
                    cell,
                    _("Unknown column “%(column)s”; the columns are %(columns)s.")
                    % {"column": short(cell), "columns": ", ".join(sheet.header)},
                )
        missing = [name for name in sheet.required if name not in index]
        # A text in one language only would leave the other page's text stale or blank.
        missing += [
            twin
            for name in index
            if (twin := sheet.twin(name)) and twin not in index and twin not in missing
        ]
        for name in missing:
            self.result.problem(
                line, name, _("The column “%(column)s” is missing.") % {"column": name}
            )
        return index

    def write(self, batch) -> None:
        present = [name for name in self.sheet.columns if name in self.index]
        resource = self.sheet.resource_class(
            sheet=self.sheet, profiles=self.profiles, lines=self.lines, present=present
        )
        outcome = resource.import_data(
            self.dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
        )
        created, updated = [], []
        for line, row in resource.outcomes:
            kind = row.import_type
            if kind == RowResult.IMPORT_TYPE_NEW:
                created.append(row.instance)
            elif kind == RowResult.IMPORT_TYPE_UPDATE:
                updated.append(self.record_update(line, row.original, row.instance, present))
            elif kind == RowResult.IMPORT_TYPE_SKIP:
                self.result.unchanged += 1
            elif kind == RowResult.IMPORT_TYPE_INVALID:
                self.report_invalid(line, row.validation_error)
            else:
                for error in row.errors:
                    self.report_error(line, error.error)
            row.instance = row.original = None  # what is needed was taken
        for error in outcome.base_errors:
            self.report_error(0, error.error)
        self.result.created, self.result.updated = len(created), len(updated)
        if batch is not None and self.result.ok:
            changes = [
                ImportChange(
                    batch=batch, object_id=record.pk, created=True, new=stored_values(record)
                )
                for record in created
            ]
            changes += [
                ImportChange(batch=batch, object_id=pk, created=False, old=old, new=new)
                for pk, old, new in updated
            ]
            ImportChange.objects.bulk_create(changes, batch_size=1000)

    def record_update(self, line, original, record, present) -> tuple[int, dict, dict]:
        label = " · ".join(str(part) for part in record.natural_key() if part not in ("", None))
        for name in present:
            old, new = getattr(original, name), getattr(record, name)
            if old != new:
                self.result.change(Change(line, label, name, old, new))
        return (
            record.pk,
            {name: getattr(original, name) for name in present},
            {name: getattr(record, name) for name in present},
        )

    def report_invalid(self, line: int, error: ValidationError) -> None:
        key_columns = ", ".join(self.sheet.key)
        for name, errors in sorted(error.update_error_dict({}).items()):
            column = key_columns if name == NON_FIELD_ERRORS else name
            for item in ValidationError(errors).error_list:
                if item.code in ("blank", "null"):
                    message = _("Fill in this cell; it cannot be empty.")
                else:
                    message = " ".join(item.messages)
                self.result.problem(line, column, message)

    def report_error(self, line: int, error: Exception) -> None:
        if isinstance(error, IntegrityError):
            message = _(
                "Someone saved the same records while this file was being imported, so nothing "
                "was imported. Upload the file again to see the current differences."
            )
            line = 0
        else:
            message = _("This row could not be written (%(reason)s).") % {
                "reason": " ".join(str(error).split())[:200]
            }
        self.result.problem(line, "", message)


def stored_value(model_field: models.Field, record: models.Model):
    value = model_field.value_from_object(record)
    if isinstance(model_field, models.FileField):
        return value.name or ""  # the stored name of the file
    return value


def stored_values(record: models.Model) -> dict:
    """{attname: value} of every stored field of a record but its id, as a batch keeps them
    (undo compares them all, so an image uploaded on a new record since refuses the undo)."""
    return {
        model_field.attname: stored_value(model_field, record)
        for model_field in record._meta.concrete_fields
        if not model_field.primary_key
    }
