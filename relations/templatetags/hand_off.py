"""The publishers' queue on the admin home page."""

from django import template

from relations.handoff import hand_off_queue, hand_off_waiting

register = template.Library()


@register.inclusion_tag("admin/relations/handoff/queue.html", takes_context=True)
def hand_off_queue_panel(context):
    user = context["request"].user
    return {
        "queue": hand_off_queue(),
        "for_publisher": user.has_perm("relations.publish_revision"),
    }


@register.inclusion_tag("admin/relations/handoff/waiting.html")
def hand_off_waiting_panel(profile):
    """The editor's note on the publish screen, while the request waits."""
    return {"waiting": hand_off_waiting(profile)}
