"""Go-live times as people type them: wall-clock time in the site's zone (America/Toronto).

A typed time is interpreted here, once, with the daylight-saving edge cases said plainly:
a time skipped when clocks go forward does not exist, and a time repeated when they go back
needs the person to say which of the two they mean.
"""

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

INPUT_FORMAT = "%Y-%m-%d %H:%M"
INPUT_FORMATS = [INPUT_FORMAT, "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
# A go-live this far in the past is a mistake, not a slow form (see revision_publish).
PAST_TOLERANCE = timedelta(minutes=1)
FIRST, SECOND = "first", "second"


def utc_offset(moment: datetime) -> str:
    """ "UTC−05:00" (with a real minus sign), as people read offsets."""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "−" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def local_time(moment: datetime | None) -> str:
    """ "2012-08-01 09:00 UTC−04:00": the site's time with its offset, read the same way in
    English and French (zone abbreviations such as EDT are English: French says HAE)."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment)
    return f"{local:%Y-%m-%d %H:%M} {utc_offset(local)}"


def site_time(moment: datetime) -> str:
    """ "2026-11-30 06:50 (America/Toronto, UTC−05:00)": unambiguous in both languages."""
    local = timezone.localtime(moment)
    zone = timezone.get_current_timezone_name()
    return f"{local:%Y-%m-%d %H:%M} ({zone}, {utc_offset(local)})"


def _exists(local: datetime) -> bool:
    """Whether this wall-clock time survives a round trip through UTC (not skipped)."""
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def site_time_interpret(naive: datetime, occurrence: str = "") -> datetime:
    """The moment a wall-clock time in the site's zone names.

    Refuses a time that does not exist (skipped when clocks go forward); for a time that
    happens twice (clocks go back), `occurrence` ("first" or "second") says which one.
    """
    zone = timezone.get_current_timezone()
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    typed = f"{naive:%Y-%m-%d %H:%M}"
    if not _exists(first):
        later = first.astimezone(UTC).astimezone(zone)
        raise ValidationError(
            _(
                "%(time)s does not exist in %(zone)s: the clocks go forward that night "
                "(daylight saving time begins), so this hour is skipped. Choose a time from "
                "%(later)s on."
            ),
            code="nonexistent",
            params={
                "time": typed,
                "zone": timezone.get_current_timezone_name(),
                "later": f"{later.replace(minute=0):%H:%M}",
            },
        )
    if first.utcoffset() != second.utcoffset():
        if occurrence == FIRST:
            return first
        if occurrence == SECOND:
            return second
        raise ValidationError(
            _(
                "%(time)s happens twice in %(zone)s: the clocks go back that night "
                "(daylight saving time ends). Say which one you mean: the first "
                "(%(first)s) or the second (%(second)s)."
            ),
            code="ambiguous",
            params={
                "time": typed,
                "zone": timezone.get_current_timezone_name(),
                "first": utc_offset(first),
                "second": utc_offset(second),
            },
        )
    return first


def go_live_check(moment: datetime, now: datetime | None = None) -> datetime:
    """Refuse a go-live more than a minute in the past, saying what time it is now."""
    now = now or timezone.now()
    if moment < now - PAST_TOLERANCE:
        raise ValidationError(
            _(
                "%(time)s is in the past (it is now %(now)s). Leave the field empty to publish "
                "now, or choose a later time."
            ),
            code="past",
            params={"time": site_time(moment), "now": site_time(now)},
        )
    return moment
