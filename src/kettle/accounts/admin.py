from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kettle.accounts.models import AccessToken, Child, Interest, Member, Profile


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    raw_id_fields = ("place",)
    filter_horizontal = ("interests",)
    exclude = ("bio_html", "h3_cell")


@admin.register(Member)
class MemberAdmin(UserAdmin):
    ordering = ("-id",)
    list_display = ("handle", "email", "is_staff", "is_active", "email_confirmed_at", "date_joined")
    list_filter = ("is_staff", "is_active")
    search_fields = ("handle", "email", "profile__display_name")
    readonly_fields = ("date_joined", "last_login", "session_salt")
    fieldsets = (
        (None, {"fields": ("email", "handle", "password")}),
        ("Status", {"fields": ("is_active", "email_confirmed_at", "onboarded_at", "date_joined", "last_login")}),
        ("Permissions", {"fields": ("is_staff", "is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "handle", "password1", "password2")}),)
    inlines = [ProfileInline]


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ("id", "parent", "due_date", "birth_month", "birth_year", "weeks_early")
    raw_id_fields = ("parent",)
    # A recorded loss is the parent's private matter: staff don't browse it.
    exclude = ("loss_recorded_at",)


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "member", "prefix", "created_at", "last_used_at", "revoked_at")
    raw_id_fields = ("member",)
    readonly_fields = ("token_hash", "prefix", "created_at", "last_used_at")
