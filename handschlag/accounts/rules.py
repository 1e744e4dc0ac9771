import rules


@rules.predicate
def is_moderator(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_moderator", False))


rules.add_rule("moderate", is_moderator)
