"""Staff tools: groups, memberships and organisations (with verification), polls. Staff are
site moderators: the admin shows who wrote anonymous posts (Post admin in social)."""

from __future__ import annotations

from django.contrib import admin, messages

from kettle.groups import actions
from kettle.groups.models import Group, Invite, Membership, Organisation, OrganisationMember, Poll, PollOption


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ("member", "invited_by")
    fields = ("member", "role", "state", "answers", "trusted", "joined_at")
    extra = 0


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "privacy", "member_count", "organisation", "run_by_site", "created_at")
    list_filter = ("kind", "privacy", "run_by_site", "post_approval", "allow_anonymous")
    search_fields = ("name", "slug", "description")
    raw_id_fields = ("place", "organisation", "created_by")
    readonly_fields = ("member_count", "created_at")
    inlines = [MembershipInline]


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ("group", "created_by", "created_at", "expires_at", "uses", "max_uses", "revoked_at")
    raw_id_fields = ("group", "created_by")


class TeamInline(admin.TabularInline):
    model = OrganisationMember
    raw_id_fields = ("member",)
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "area", "website", "is_verified", "created_at")
    list_filter = (("verified_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "slug", "area")
    raw_id_fields = ("place", "created_by", "verified_by")
    readonly_fields = ("verified_at", "verified_by")
    inlines = [TeamInline]
    actions = ["verify", "unverify"]

    @admin.display(boolean=True, description="Verified")
    def is_verified(self, organisation: Organisation) -> bool:
        return organisation.is_verified

    @admin.action(description="Verify the selected organisations (they get a badge)")
    def verify(self, request, queryset):
        for organisation in queryset:
            actions.do_verify_organisation(request.user, organisation.id, verified=True)
        messages.success(request, f"Verified {queryset.count()} organisation(s).")

    @admin.action(description="Take the verified badge away")
    def unverify(self, request, queryset):
        for organisation in queryset:
            actions.do_verify_organisation(request.user, organisation.id, verified=False)
        messages.success(request, f"Took the badge from {queryset.count()} organisation(s).")


class OptionInline(admin.TabularInline):
    model = PollOption
    extra = 0


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    list_display = ("id", "post", "multiple", "show_voters", "closes_at", "closed_at")
    raw_id_fields = ("post",)
    inlines = [OptionInline]
