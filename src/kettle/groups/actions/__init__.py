"""Every change to groups, organisations and polls goes through a do_<verb>_<noun> here."""

from kettle.groups.actions.groups import do_create_group, do_delete_group, do_update_group
from kettle.groups.actions.invites import do_create_invite, do_join_by_invite, do_revoke_invite
from kettle.groups.actions.membership import (
    do_approve_request,
    do_ban_member,
    do_decline_request,
    do_invite_member,
    do_join_group,
    do_leave_group,
    do_remove_member,
    do_set_role,
    do_transfer_ownership,
    do_unban_member,
)
from kettle.groups.actions.organisations import (
    do_create_organisation,
    do_remove_team_member,
    do_set_team_member,
    do_update_organisation,
    do_verify_organisation,
)
from kettle.groups.actions.polls import PollSpec, do_close_poll, do_retract_vote, do_vote
from kettle.groups.actions.posts import do_approve_post, do_decline_post, do_pin_post

__all__ = [
    "PollSpec", "do_approve_post", "do_approve_request", "do_ban_member", "do_close_poll", "do_create_group",
    "do_create_invite", "do_create_organisation", "do_decline_post", "do_decline_request", "do_delete_group",
    "do_invite_member", "do_join_by_invite", "do_join_group", "do_leave_group", "do_pin_post",
    "do_remove_member", "do_remove_team_member", "do_retract_vote", "do_revoke_invite", "do_set_role",
    "do_set_team_member", "do_transfer_ownership", "do_unban_member", "do_update_group", "do_update_organisation",
    "do_verify_organisation", "do_vote",
]
