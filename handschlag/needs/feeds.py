"""RSS and Atom feeds of the newest published needs."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from handschlag.core.text import xml_safe
from handschlag.core.units import amount

from . import selectors
from .models import Need

FEED_LENGTH = 30


class RssFeed(Feed):
    def title(self) -> str:
        return _("Handschlag – Bedarfe")

    def description(self) -> str:
        return _("Was Initiativen und Kommunen vor Ort gerade suchen.")

    def link(self) -> str:
        return reverse("needs:list")

    def items(self) -> list[Need]:
        return list(selectors.need_list()[:FEED_LENGTH])

    # Every text goes through xml_safe, like the blog's feeds.
    def item_title(self, item: Need) -> str:
        return xml_safe(item.title)

    def item_description(self, item: Need) -> str:
        summary = _("%(organisation)s sucht %(amount)s in %(place)s bis %(date)s: %(text)s") % {
            "organisation": item.organisation.name,
            "amount": amount(item.quantity, item.unit_singular, item.unit),
            "place": item.municipality.name,
            "date": item.needed_by.strftime("%d.%m.%Y"),
            "text": item.description,
        }
        return xml_safe(summary)

    def item_pubdate(self, item: Need) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Need) -> datetime.datetime | None:
        return item.updated_at

    def item_author_name(self, item: Need) -> str:
        return xml_safe(item.organisation.name)


class AtomFeed(RssFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
