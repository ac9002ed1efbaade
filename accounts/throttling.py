"""Login throttling: which address a login comes from, what a locked-out person sees, and
lifting a lockout.

django-axes does the counting. Its authentication backend runs before Django's
ModelBackend and refuses a locked-out user name or address before any password is hashed,
so guessing costs the server one indexed query instead of a PBKDF2 hash (README, "Security").
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Max, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger("accounts.throttling")


def client_ip(request: HttpRequest) -> str | None:
    """The address a login comes from.

    Behind DJANGO_TRUSTED_PROXY_COUNT proxies (load balancer, CDN), each appends the address it
    received the request from to X-Forwarded-For, so the client is that many entries from the
    right; anything further left was written by the client and cannot be trusted. Without
    proxies the socket address is the client.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [address for address in forwarded if address]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME / timedelta(minutes=1)))


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The admin-styled page shown instead of the login form while a lockout lasts (429)."""
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "minutes": lockout_minutes(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response: HttpResponse = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


@dataclass(frozen=True)
class Lockout:
    """A user name or an address that cannot log in until `until`."""

    parameter: str  # "username" or "ip_address"
    value: str
    failures: int
    until: datetime


def login_lockouts(*, now: datetime | None = None) -> list[Lockout]:
    """What is locked out now, computed as django-axes does: the failures of the records whose
    last failure is within the cool-off, summed per user name and per address."""
    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - settings.AXES_COOLOFF_TIME)
    lockouts = []
    for parameter in settings.AXES_LOCKOUT_PARAMETERS:
        rows = (
            recent.exclude(**{parameter: None})
            .values(parameter)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by(parameter)
        )
        lockouts += [
            Lockout(
                parameter, row[parameter], row["failures"], row["last"] + settings.AXES_COOLOFF_TIME
            )
            for row in rows
        ]
    return lockouts


def login_lockout_lift(
    *, usernames: list[str] = (), addresses: list[str] = (), by: str, dry_run: bool = False
) -> int:
    """Forget the failed logins of these user names and addresses, which lifts their lockout.

    Returns how many failure records matched; with dry_run nothing is deleted. Logged at
    WARNING, like the lockout itself, so the log shows who lifted what.
    """
    if not usernames and not addresses:
        return 0
    attempts = AccessAttempt.objects.filter(Q(username__in=usernames) | Q(ip_address__in=addresses))
    count = attempts.count()
    if not dry_run:
        attempts.delete()
        logger.warning(
            "Login lockout lifted by %s for user names %s and addresses %s (%d failure records)",
            by,
            list(usernames) or "-",
            list(addresses) or "-",
            count,
        )
    return count
