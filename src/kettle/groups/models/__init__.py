from kettle.groups.models.groups import Group, Invite, Membership
from kettle.groups.models.organisations import Organisation, OrganisationMember
from kettle.groups.models.polls import Poll, PollChoice, PollOption, PollVote

__all__ = ["Group", "Invite", "Membership", "Organisation", "OrganisationMember", "Poll", "PollChoice", "PollOption",
           "PollVote"]
