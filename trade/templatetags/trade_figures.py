from django import template

from trade.charts import trade_at_a_glance

register = template.Library()


@register.simple_tag
def trade_glance(figures):
    """{% trade_glance facts.figures as glance %}: chart, table, top chapters, sources."""
    return trade_at_a_glance(figures or [])
