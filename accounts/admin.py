"""Admin screens for login throttling: failed logins with their lockouts, and successful logins.

They replace django-axes' own screens (AXES_ENABLE_ADMIN = False) to be read-only, translated
and to unlock through the logged service. Only superusers see them: no group is given these
permissions.
"""

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.throttling import login_lockout_lift


def _recent_failures(parameter: str) -> Coalesce:
    """Failures of this row's user name (or address) still within the cool-off, as axes counts."""
    recent = AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
        **{parameter: OuterRef(parameter)},
    )
    total = recent.order_by().values(parameter).annotate(total=Sum("failures_since_start"))
    return Coalesce(Subquery(total.values("total")), 0)


class LockedFilter(admin.SimpleListFilter):
    title = _("locked out")
    parameter_name = "locked"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        limit = settings.AXES_FAILURE_LIMIT
        locked = Q(user_failures__gte=limit) | Q(address_failures__gte=limit)
        if self.value() == "yes":
            return queryset.filter(locked)
        if self.value() == "no":
            return queryset.exclude(locked)
        return queryset


class ReadOnlyLogAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class FailedLoginAdmin(ReadOnlyLogAdmin):
    """Failed logins per (user name, address, browser); a lockout is lifted with an action."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "locked"]
    list_filter = [LockedFilter]
    ordering = ["-attempt_time"]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time"]
    actions = ["unlock_usernames", "unlock_addresses"]

    def get_actions(self, request):
        # Unlocking goes through the logged service, not the plain "delete selected".
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                user_failures=_recent_failures("username"),
                address_failures=_recent_failures("ip_address"),
            )
        )

    @admin.display(description=_("locked out"))
    def locked(self, attempt):
        limit = settings.AXES_FAILURE_LIMIT
        locked = []
        if attempt.user_failures >= limit:
            locked.append(str(_("user name")))
        if attempt.address_failures >= limit:
            locked.append(str(_("address")))
        return ", ".join(locked) or "—"

    @admin.action(
        description=_("Unlock the user names of the selected rows"), permissions=["delete"]
    )
    def unlock_usernames(self, request, queryset):
        usernames = sorted({name for name in queryset.values_list("username", flat=True) if name})
        self._unlocked(
            request, login_lockout_lift(usernames=usernames, by=request.user.get_username())
        )

    @admin.action(
        description=_("Unlock the addresses of the selected rows"), permissions=["delete"]
    )
    def unlock_addresses(self, request, queryset):
        addresses = sorted({ip for ip in queryset.values_list("ip_address", flat=True) if ip})
        self._unlocked(
            request, login_lockout_lift(addresses=addresses, by=request.user.get_username())
        )

    def _unlocked(self, request, count):
        self.message_user(
            request,
            ngettext(
                "Unlocked: %(count)d failed-login record forgotten.",
                "Unlocked: %(count)d failed-login records forgotten.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(AccessLog)
class LoginAdmin(ReadOnlyLogAdmin):
    """Successful logins and logouts: who, when, from where."""

    list_display = ["attempt_time", "logout_time", "username", "ip_address"]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "user_agent", "attempt_time", "logout_time"]

    def has_delete_permission(self, request, obj=None):
        return False
