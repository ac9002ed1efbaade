"""Template access to relations.grammar, for the few words a template writes itself."""

from django import template
from django.utils.translation import get_language

from relations import grammar

register = template.Library()


@register.simple_tag
def punctuation(mark: str) -> str:
    """A mark as the page's language writes it after a word: ";" / "\u00a0;"."""
    return grammar.punctuation(mark, get_language() or "en")


@register.filter
def typography(text: str) -> str:
    """Plain text as the page's language writes it: «\u00a0…\u00a0», "Sources\u00a0:"."""
    return grammar.typography(str(text), get_language() or "en")
