"""Which profiles a shared list entry (an HS chapter, a sector) reaches, so that an editor
sees, before renaming one, how many pages the change will reword."""

from django.db.models import Q, QuerySet

from relations.models import Profile
from trade.models import HSChapter, Sector


def profiles_using_chapter(chapter: HSChapter) -> QuerySet[Profile]:
    """Profiles with a figure or a listed key commodity in the chapter."""
    return Profile.objects.filter(
        Q(trade_figures__chapter=chapter) | Q(key_commodities__chapter=chapter)
    ).distinct()


def profiles_using_sector(sector: Sector) -> QuerySet[Profile]:
    """Profiles with a trade mission in the sector."""
    return Profile.objects.filter(trade_missions__sectors=sector).distinct()
