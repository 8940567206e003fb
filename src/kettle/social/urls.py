"""HTML pages for posts, timelines, blogs and relationships. Each view module adds its routes here."""

from django.urls import path, re_path

from kettle.social import feeds
from kettle.social.views import blogs, posts, reactions, relationships, timelines
from kettle.social.views import comments as comment_views

app_name = "social"

urlpatterns: list = [
    # filled in by the posts/timelines and the relationships/blogs work; names used elsewhere:
    # "post" (handle, post_id), "tag" (name)
]

# Posts, comments, reactions and timelines: views/posts.py, comments.py, reactions.py, timelines.py.
urlpatterns += [
    path("@<str:handle>/posts/<int:post_id>", posts.post_detail, name="post"),
    path("@<str:handle>/posts/<int:post_id>/edit", posts.post_edit, name="post_edit"),
    path("@<str:handle>/posts/<int:post_id>/history", posts.post_history, name="post_history"),
    path("@<str:handle>/posts/<int:post_id>/delete", posts.post_delete, name="post_delete"),
    path("posts/new", posts.post_new, name="post_new"),
    path("posts/<int:post_id>/react", reactions.react, {"on": True}, name="react"),
    path("posts/<int:post_id>/unreact", reactions.react, {"on": False}, name="unreact"),
    path("posts/<int:post_id>/bookmark", reactions.bookmark, {"on": True}, name="bookmark"),
    path("posts/<int:post_id>/unbookmark", reactions.bookmark, {"on": False}, name="unbookmark"),
    path("posts/<int:post_id>/comments", comment_views.comment, name="comment"),
    path("comments/<int:comment_id>/edit", comment_views.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete", comment_views.comment_delete, name="comment_delete"),
    path("comments/<int:comment_id>/hide", comment_views.comment_hide, name="comment_hide"),
    path("home/new-posts", timelines.home_new_count, name="home_new_count"),
    path("local", timelines.local, name="local"),
    path("tags/<str:name>", timelines.tag, name="tag"),
    path("search", timelines.search, name="search"),
    path("bookmarks", timelines.bookmarks, name="bookmarks"),
    path("start", timelines.start_here, name="start_here"),
]

# Relationships and blogs: views/relationships.py, views/blogs.py and feeds.py.
HANDLE = r"^@(?P<handle>[A-Za-z0-9_]{1,30})"
urlpatterns += [
    re_path(HANDLE + r"/follow$", relationships.follow, name="follow"),
    re_path(HANDLE + r"/unfollow$", relationships.unfollow, name="unfollow"),
    re_path(HANDLE + r"/followers$", relationships.followers, name="followers"),
    re_path(HANDLE + r"/following$", relationships.following, name="following"),
    re_path(HANDLE + r"/block$", relationships.block_or_mute, {"what": "block"}, name="block"),
    re_path(HANDLE + r"/mute$", relationships.block_or_mute, {"what": "mute"}, name="mute"),
    re_path(r"^followers/(?P<member_id>[0-9]+)/remove$", relationships.remove_follower, name="remove_follower"),
    re_path(r"^follow-requests/$", relationships.follow_requests, name="follow_requests"),
    re_path(r"^follow-requests/(?P<member_id>[0-9]+)/approve$", relationships.answer_follow_request,
            {"approve": True}, name="approve_follow_request"),
    re_path(r"^follow-requests/(?P<member_id>[0-9]+)/decline$", relationships.answer_follow_request,
            {"approve": False}, name="decline_follow_request"),
    re_path(r"^settings/blocked/$", relationships.blocked, name="blocked"),
    re_path(r"^settings/blocked/(?P<member_id>[0-9]+)/unblock$", relationships.unblock, name="unblock"),
    re_path(r"^settings/muted/(?P<member_id>[0-9]+)/unmute$", relationships.unmute, name="unmute"),
    re_path(HANDLE + r"/blog/?$", blogs.blog, name="blog"),
    re_path(HANDLE + r"/blog/rss\.xml$", feeds.blog_rss, name="blog_rss"),
    re_path(HANDLE + r"/blog/atom\.xml$", feeds.blog_atom, name="blog_atom"),
    re_path(HANDLE + r"/blog/blogroll\.opml$", blogs.blog_roll_opml, name="blog_roll_opml"),
    re_path(r"^settings/blog-roll/$", blogs.blog_roll_edit, name="blog_roll_edit"),
]
