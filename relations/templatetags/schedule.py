"""Times of the site as the admin shows them: with their UTC offset, in both languages."""

from django import template
from django.utils import timezone

from relations.schedule import local_time, site_time

register = template.Library()


@register.simple_tag
def site_time_now() -> str:
    return site_time(timezone.now())


@register.filter(name="local_time")
def local_time_filter(moment) -> str:
    return local_time(moment)
