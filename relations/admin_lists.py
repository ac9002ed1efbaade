"""Pieces for admin lists of many rows: filters and counts whose cost does not grow with them.

- `ProfileFilter`: the profile filter lists profiles by their partner's name with one query
  (Django's related filter reads each profile's country on its own: 201 queries for 200).
- `YearFilter`: the years between the first and the last, found by two index lookups, where
  Django's "all values" filter reads every row (SELECT DISTINCT over a million figures).
- `EstimatedCountPaginator`: an unfiltered list on PostgreSQL counts from the planner's
  statistics (a full COUNT(*) of a million rows on every page is the slow part there); any
  filtered list, and SQLite, count exactly.
- `ReadOnlyAdmin`: lists of history (revisions, audit entries, imports, requests to
  publish) that only the services write.
"""

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from relations.models import Profile

ESTIMATE_ABOVE = 100_000  # rows; below this an exact count is cheap anyway


class ProfileFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        return [(profile.pk, str(profile)) for profile in Profile.objects.with_partner()]


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        # Two queries, not one MIN() and MAX(): each alone reads one end of an index.
        years = model_admin.get_queryset(request).values_list("year", flat=True)
        first, last = years.order_by("year").first(), years.order_by("-year").first()
        if first is None:
            return []
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isascii() and value.isdigit():
            return queryset.filter(year=int(value))
        return queryset


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is not None and not query.where and query.model is not None:
            connection = connections[self.object_list.db]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                        [query.model._meta.db_table],
                    )
                    row = cursor.fetchone()
                if row and row[0] > ESTIMATE_ABOVE:
                    return row[0]
        return super().count


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is written by the publishing, import and hand-off services only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
