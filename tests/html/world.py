"""The demo world of the page tests, plus what only the HTML check needs: a conversation with
messages and released contact details, a reported message, an invitation to a volunteer."""

from __future__ import annotations

from dataclasses import dataclass

from handschlag.conversations import services as conversation_services
from handschlag.conversations.models import Message
from handschlag.conversations.threads import thread_of
from handschlag.moderation.models import AbuseReport
from handschlag.organisations.models import Invitation
from handschlag.promises.conversation import SUBJECT
from handschlag.promises.models import Promise, Redemption
from tests import factories
from tests.demo_world import DemoWorld, build_demo_world


@dataclass
class PageWorld(DemoWorld):
    message: Message  # the promiser's message in the accepted redemption's thread
    message_report: AbuseReport  # an abuse report on that message
    invitation: Invitation  # the volunteer is invited to "Willkommen in Sonneberg"

    def pending_promise(self) -> Promise:
        return Promise.objects.filter(state=Promise.State.PENDING).order_by("pk").first()


def build_page_world() -> PageWorld:
    demo = build_demo_world()
    company, initiative = demo.person("company"), demo.person("initiative")
    thread = thread_of(subject_key=SUBJECT, obj=demo.redemption(Redemption.State.ACCEPTED))
    message = conversation_services.post_message(
        thread=thread, by=company, text="Wann passt Ihnen ein erstes Treffen?"
    )
    conversation_services.post_message(
        thread=thread, by=initiative, text="Gern am Dienstag um 10 Uhr, bei uns im Büro."
    )
    for who, phone in ((company, "03675 123456"), (initiative, "")):
        conversation_services.release_contact(
            thread=thread, by=who, email=who.email, phone=phone, consent=True
        )
    return PageWorld(
        emails=demo.emails,
        message=message,
        message_report=factories.AbuseReportFactory(target=message, reporter=initiative),
        invitation=factories.InvitationFactory(
            organisation=demo.organisation("willkommen"),
            email=demo.emails["volunteer"],
            invited_by=initiative,
        ),
    )
