"""A group post's own addresses: /groups/<slug>/posts/<id> and its edit, history and delete
pages. They are social's post views, finding the post by its group rather than its author
(an anonymous post's address must not name who wrote it)."""

from django.urls import path

from kettle.social.views import posts

urlpatterns = [
    path("groups/<slug:slug>/posts/<int:post_id>", posts.post_detail, name="post"),
    path("groups/<slug:slug>/posts/<int:post_id>/edit", posts.post_edit, name="post_edit"),
    path("groups/<slug:slug>/posts/<int:post_id>/history", posts.post_history, name="post_history"),
    path("groups/<slug:slug>/posts/<int:post_id>/delete", posts.post_delete, name="post_delete"),
]
