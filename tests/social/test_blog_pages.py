"""Blog pages, their RSS and Atom feeds, the blog roll (editor, sidebar, OPML) and
"blogs that list this one"."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kettle.social import actions
from kettle.social.models import BlogRollEntry, Post
from tests.factories import make_member
from tests.helpers import text_of

ATOM = "{http://www.w3.org/2005/Atom}"


def blog_post(author, title="Our birth story", body="It was **long**, and then it was lovely.", **kwargs) -> Post:
    return actions.do_create_post(author, kind=Post.Kind.BLOG, title=title, body=body, **kwargs)


# Overrides tests/conftest.py: pages show Bea as a public profile with a place.
@pytest.fixture
def bea(db):
    return make_member("bea", place="Kesgrave", is_public=True, display_name="Bea")


@pytest.fixture
def many_posts(settings):
    settings.POST_RATE = "1000/3600"


@pytest.fixture
def bea_posts(bea):
    """Bea's public blog posts, and everything that must stay out of her feeds."""
    first = blog_post(bea, title="Week one")
    second = blog_post(bea, title="Week two", body="See [#sleep](/tags/sleep) and @amara's tips.")
    followers = blog_post(bea, title="Just for my followers", audience=Post.Audience.FOLLOWERS)
    update = actions.do_create_post(bea, body="A short update, not a blog post")
    deleted = blog_post(bea, title="Posted too soon")
    actions.do_delete_post(bea, deleted.id)
    return {"public": [second, first], "followers": followers, "update": update, "deleted": deleted}


# The blog page ---------------------------------------------------------------------------------

def test_blog_lists_blog_posts_newest_first_and_advertises_feeds(bea, bea_posts, client_for):
    page = text_of(client_for(None).get("/@bea/blog"))
    assert page.index("Week two") < page.index("Week one")
    assert "A short update" not in page and "Posted too soon" not in page and "Just for my followers" not in page
    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert 'href="http://127.0.0.1:8000/@bea/blog/rss.xml"' in page
    assert '<link rel="alternate" type="application/atom+xml"' in page


def test_followers_see_followers_only_blog_posts_on_the_page(amara, bea, bea_posts, client_for):
    actions.do_follow(amara, bea)
    assert "Just for my followers" in text_of(client_for(amara).get("/@bea/blog"))


def test_private_profiles_blog_is_404_logged_out_and_has_no_feeds(amara, client_for):
    pip = make_member("pip", display_name="Pip")
    blog_post(pip)
    assert client_for(None).get("/@pip/blog").status_code == 404
    page = text_of(client_for(amara).get("/@pip/blog"))
    assert "Our birth story" in page
    assert "application/rss+xml" not in page and 'name="robots" content="noindex"' in page


def test_blocked_members_blog_is_404_both_ways(amara, bea, client_for):
    actions.do_block(bea, amara)
    assert client_for(amara).get("/@bea/blog").status_code == 404
    assert client_for(bea).get("/@amara/blog").status_code == 404
    assert client_for(amara).get("/@bea/blog/blogroll.opml").status_code == 404


def test_blog_roll_and_blogs_that_list_this_one(amara, bea, client_for):
    cal = make_member("cal", is_public=True, display_name="Cal")
    actions.do_set_blog_roll(bea, [{"handle": "amara"}, {"url": "https://example.org/blog", "title": "Tired Dads"}])
    actions.do_set_blog_roll(cal, [{"handle": "bea"}])
    page = text_of(client_for(None).get("/@bea/blog"))
    assert '<a href="/@amara/blog">Amara</a>' in page
    assert '<a href="https://example.org/blog" rel="nofollow noopener ugc">Tired Dads</a>' in page
    assert "Blogs that list this one" in page and '<a href="/@cal/blog">Cal</a>' in page


def test_blog_roll_and_listed_by_leave_out_members_the_viewer_cant_see(amara, bea, client_for):
    pip = make_member("pip", display_name="Pip")  # private: logged-out visitors can't see her
    cal = make_member("cal", is_public=True, display_name="Cal")
    actions.do_set_blog_roll(bea, [{"handle": "pip"}, {"handle": "cal"}])
    actions.do_set_blog_roll(pip, [{"handle": "bea"}])
    logged_out = text_of(client_for(None).get("/@bea/blog"))
    assert "/@pip/blog" not in logged_out and "/@cal/blog" in logged_out
    assert "/@pip/blog" in text_of(client_for(amara).get("/@bea/blog"))
    actions.do_block(cal, amara)
    assert "/@cal/blog" not in text_of(client_for(amara).get("/@bea/blog"))


# Feeds -----------------------------------------------------------------------------------------

def test_rss_parses_and_holds_public_blog_posts_only(bea, bea_posts, client_for):
    response = client_for(None).get("/@bea/blog/rss.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Week two", "Week one"]
    link = items[0].findtext("link")
    assert link == f"http://127.0.0.1:8000/@bea/posts/{bea_posts['public'][0].id}"
    description = items[0].findtext("description")
    assert 'href="http://127.0.0.1:8000/tags/sleep"' in description
    assert 'href="/' not in description
    assert root.findtext("./channel/link") == "http://127.0.0.1:8000/@bea/blog"


def test_atom_parses_and_holds_public_blog_posts_only(bea, bea_posts, client_for):
    response = client_for(None).get("/@bea/blog/atom.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    assert titles == ["Week two", "Week one"]
    self_link = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"][0]
    assert self_link.get("href") == "http://127.0.0.1:8000/@bea/blog/atom.xml"


def test_feeds_are_the_same_for_everyone_even_followers(amara, bea, bea_posts, client_for):
    actions.do_follow(amara, bea)
    body = client_for(amara).get("/@bea/blog/rss.xml").content.decode()
    assert "Just for my followers" not in body and "A short update" not in body and "Posted too soon" not in body


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_feeds_of_a_private_profile_are_404_even_for_members(feed, amara, client_for):
    pip = make_member("pip")
    blog_post(pip)
    assert client_for(None).get(f"/@pip/blog/{feed}").status_code == 404
    assert client_for(amara).get(f"/@pip/blog/{feed}").status_code == 404
    assert client_for(None).get(f"/@nobody/blog/{feed}").status_code == 404


def test_a_content_note_keeps_the_words_out_of_the_feed(bea, client_for):
    blog_post(bea, title="Remembering", body="The hardest week of our lives.", content_note="loss")
    body = client_for(None).get("/@bea/blog/rss.xml").content.decode()
    ET.fromstring(body)
    assert "Remembering" in body and "Content note: loss" in body
    assert "The hardest week" not in body


def test_feed_escapes_titles(bea, client_for):
    blog_post(bea, title="<script>alert(1)</script> & more")
    for feed in ("rss.xml", "atom.xml"):
        root = ET.fromstring(client_for(None).get(f"/@bea/blog/{feed}").content)
        titles = [el.text for el in root.iter() if el.tag in ("title", f"{ATOM}title")]
        assert "<script>alert(1)</script> & more" in titles


# The blog roll editor ------------------------------------------------------------------------

def test_adding_a_kettle_blog_and_an_external_one(amara, bea, client_for):
    client = client_for(bea)
    assert client.post("/settings/blog-roll/", {"op": "add_member", "member-handle": "@Amara"}).status_code == 302
    response = client.post("/settings/blog-roll/", {"op": "add_link", "link-title": "Tired Dads",
                                                   "link-url": "https://example.org/"})
    assert response.status_code == 302
    rows = list(BlogRollEntry.objects.filter(owner=bea))
    assert [(r.blog_id, r.title) for r in rows] == [(amara.id, ""), (None, "Tired Dads")]
    page = text_of(client.get("/settings/blog-roll/"))
    assert "Added to your blog roll." in page and "Tired Dads" in page and "@amara" in page


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>",
                                 "example.org", "ftp://example.org/"])
def test_unsafe_or_partial_web_addresses_are_refused_with_a_clear_error(url, bea, client_for):
    response = client_for(bea).post("/settings/blog-roll/", {"op": "add_link", "link-title": "Sneaky",
                                                             "link-url": url})
    assert response.status_code == 200
    page = text_of(response)
    assert 'id="id_link-url_errors"' in page
    assert "Use a full web address starting with https:// or http://." in page
    assert not BlogRollEntry.objects.exists()


def test_missing_fields_and_unknown_handles_have_their_own_errors(amara, bea, client_for):
    client = client_for(bea)
    page = text_of(client.post("/settings/blog-roll/", {"op": "add_link", "link-title": "",
                                                        "link-url": "https://example.org/"}))
    assert "Give the blog a name." in page
    page = text_of(client.post("/settings/blog-roll/", {"op": "add_member", "member-handle": "nobody_here"}))
    assert 'id="id_member-handle_errors"' in page and "We couldn't find a Kettle blog with that handle." in page
    actions.do_set_blog_roll(bea, [{"handle": "amara"}])
    page = text_of(client.post("/settings/blog-roll/", {"op": "add_member", "member-handle": "amara"}))
    assert "That blog is on the list twice." in page
    assert BlogRollEntry.objects.filter(owner=bea).count() == 1


def test_xss_in_titles_is_escaped_on_the_page_and_in_opml(bea, client_for):
    title = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client_for(bea).post("/settings/blog-roll/", {"op": "add_link", "link-title": title,
                                                  "link-url": "https://example.org/?a=1&b=\"2\""})
    assert BlogRollEntry.objects.filter(owner=bea).count() == 1
    for path in ("/@bea/blog", "/settings/blog-roll/"):
        raw = client_for(bea).get(path).content.decode()
        assert "<script>alert" not in raw and "<img src=x" not in raw
        assert "&lt;script&gt;" in raw
    response = client_for(None).get("/@bea/blog/blogroll.opml")
    assert b"<script>" not in response.content
    outline = ET.fromstring(response.content).find("./body/outline")
    assert outline.get("text") == title and outline.get("url") == 'https://example.org/?a=1&b="2"'


def test_reordering_and_removing(amara, bea, client_for):
    cal = make_member("cal")
    actions.do_set_blog_roll(bea, [{"handle": "amara"}, {"handle": "cal"},
                                   {"url": "https://example.org/", "title": "Elsewhere"}])
    client = client_for(bea)
    entry = BlogRollEntry.objects.get(owner=bea, blog=cal)
    client.post("/settings/blog-roll/", {"op": "up", "entry": entry.id})
    order = lambda: [r.blog_id or r.title for r in BlogRollEntry.objects.filter(owner=bea)]  # noqa: E731
    assert order() == [cal.id, amara.id, "Elsewhere"]
    amara_entry = BlogRollEntry.objects.get(owner=bea, blog=amara)
    client.post("/settings/blog-roll/", {"op": "down", "entry": amara_entry.id})
    assert order() == [cal.id, "Elsewhere", amara.id]
    elsewhere = BlogRollEntry.objects.get(owner=bea, blog=None)
    client.post("/settings/blog-roll/", {"op": "remove", "entry": elsewhere.id})
    assert order() == [cal.id, amara.id]
    assert client.post("/settings/blog-roll/", {"op": "remove", "entry": "nonsense"}).status_code == 302
    assert order() == [cal.id, amara.id]


def test_someone_elses_entries_are_out_of_reach(amara, bea, client_for):
    actions.do_set_blog_roll(amara, [{"url": "https://example.org/", "title": "Elsewhere"}])
    entry = BlogRollEntry.objects.get(owner=amara)
    client_for(bea).post("/settings/blog-roll/", {"op": "remove", "entry": entry.id})
    assert BlogRollEntry.objects.filter(owner=amara).count() == 1


def test_editor_needs_a_login(client_for, db):
    response = client_for(None).get("/settings/blog-roll/")
    assert response.status_code == 302 and "/login/" in response.url


# OPML -------------------------------------------------------------------------------------------

def test_opml_export_is_valid_opml(amara, bea, client_for):
    pip = make_member("pip", display_name="Pip")
    actions.do_set_blog_roll(bea, [{"handle": "amara"}, {"handle": "pip"},
                                   {"url": "https://example.org/blog", "title": "Tired & Dads"}])
    response = client_for(amara).get("/@bea/blog/blogroll.opml")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/x-opml")
    root = ET.fromstring(response.content)
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("./head/title") == "Bea's blog roll on Kettle"
    outlines = root.findall("./body/outline")
    assert [o.get("text") for o in outlines] == ["Amara (@amara)", "Pip (@pip)", "Tired & Dads"]
    assert outlines[0].get("type") == "rss"
    assert outlines[0].get("xmlUrl") == "http://127.0.0.1:8000/@amara/blog/rss.xml"
    assert outlines[1].get("type") == "link" and outlines[1].get("xmlUrl") is None  # private: no feed
    assert outlines[2].get("url") == "https://example.org/blog"
    assert pip  # logged out, Pip isn't shown at all
    logged_out = ET.fromstring(client_for(None).get("/@bea/blog/blogroll.opml").content)
    assert [o.get("text") for o in logged_out.findall("./body/outline")] == ["Amara (@amara)", "Tired & Dads"]


# Query counts -------------------------------------------------------------------------------

@pytest.mark.parametrize("count", [5, 30])
def test_blog_page_query_count_is_flat(count, bea, many_posts, client_for, django_assert_max_num_queries):
    viewer = make_member("viewer")
    roll = []
    for i in range(count):
        blog_post(bea, title=f"Week {i}")
        fan = make_member(f"fan{i}", is_public=True)
        roll.append({"handle": fan.handle})
        actions.do_set_blog_roll(fan, [{"handle": "bea"}])
    roll += [{"url": f"https://example.org/{i}", "title": f"Site {i}"} for i in range(count)]
    actions.do_set_blog_roll(bea, roll[:50])
    client = client_for(viewer)
    with django_assert_max_num_queries(10):
        response = client.get("/@bea/blog")
    assert text_of(response).count('class="card post') == min(count, 20)


@pytest.mark.parametrize("count", [5, 30])
def test_feed_query_count_is_flat(count, bea, many_posts, client_for, django_assert_max_num_queries):
    for i in range(count):
        blog_post(bea, title=f"Week {i}")
    with django_assert_max_num_queries(2):
        response = client_for(None).get("/@bea/blog/rss.xml")
    assert len(ET.fromstring(response.content).findall("./channel/item")) == min(count, 20)
