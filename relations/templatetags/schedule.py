"""The site's current time, spelled out with its zone, for the go-live picker."""

from django import template
from django.utils import timezone

from relations.schedule import site_time

register = template.Library()


@register.simple_tag
def site_time_now() -> str:
    return site_time(timezone.now())
