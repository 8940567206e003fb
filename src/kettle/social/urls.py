"""HTML pages for posts, timelines, blogs and relationships. Each view module adds its routes here."""


app_name = "social"

urlpatterns: list = [
    # filled in by the posts/timelines and the relationships/blogs work; names used elsewhere:
    # "post" (handle, post_id), "tag" (name)
]
