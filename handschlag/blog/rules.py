"""Permissions of the blog (django-rules), checked with `has_perm`."""

import rules

from handschlag.accounts.rules import is_moderator


@rules.predicate
def is_editorial(user: object, post: object) -> bool:
    return getattr(post, "kind", None) == "editorial"


rules.add_perm("blog.write_post", is_moderator)
rules.add_perm("blog.edit_post", is_moderator & is_editorial)
rules.add_perm("blog.unpublish_post", is_moderator)
rules.add_perm("blog.view_unpublished_posts", is_moderator)
rules.add_perm("blog.publish_report", is_moderator)
