from django.contrib import admin

from kettle.social.models import Follow, Post


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("follower", "followee", "created_at")
    raw_id_fields = ("follower", "followee")


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    """Staff are site moderators: here they see who wrote every post, anonymous ones included."""

    list_display = ("id", "author", "group", "is_anonymous", "kind", "audience", "created_at", "held_at",
                    "deleted_at")
    list_filter = ("kind", "audience", "is_anonymous", ("held_at", admin.EmptyFieldListFilter),
                   ("deleted_at", admin.EmptyFieldListFilter))
    search_fields = ("body", "title", "author__handle", "group__slug")
    raw_id_fields = ("author", "group")
    readonly_fields = ("created_at", "edited_at", "comment_count", "hug_count", "me_too_count", "helpful_count")
