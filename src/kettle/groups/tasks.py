"""Background work for groups and polls. Every task takes ids and is safe to run twice."""

from __future__ import annotations

from django_tasks import task


@task()
def make_clubs_for(member_id: int) -> None:
    """After a member adds or changes a child: make sure their due-month clubs exist."""
    from kettle.accounts.models import Member
    from kettle.groups.clubs import clubs_for

    member = Member.objects.filter(id=member_id, is_active=True).select_related("profile__place").first()
    if member is not None:
        clubs_for(member)


@task()
def close_poll(poll_id: int) -> None:
    """At a poll's closing time (or when its author closes it early): mark it closed and tell
    everyone who voted. Runs once per poll however often it is queued."""
    from kettle.groups.polls import close_and_notify

    close_and_notify(poll_id)
