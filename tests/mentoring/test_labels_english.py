"""Labels of mentoring that share a German word with other parts read right in English:
mentoring gives them its own context (a discarded round is not a dismissed report)."""

from django.utils import translation

from handschlag.mentoring.models import Carrier, MatchingRound, Meeting, Proposal
from handschlag.moderation.models import AbuseReport


def test_mentoring_labels_in_english():
    with translation.override("en"):
        assert str(MatchingRound.State.DISCARDED.label) == "discarded"
        assert str(Proposal.State.REJECTED.label) == "rejected"
        assert str(Proposal._meta.verbose_name_plural) == "Proposals"
        assert str(Meeting.Kind.IN_PERSON.label) == "Meeting in person"
        assert str(Meeting._meta.verbose_name_plural) == "Meetings"
        assert str(Carrier._meta.verbose_name_plural) == "Carriers"
        # the other meaning of the shared word stays as it was
        assert str(AbuseReport.State.DISMISSED.label) == "dismissed"


def test_the_german_labels_are_unchanged():
    with translation.override("de"):
        assert str(MatchingRound.State.DISCARDED.label) == "verworfen"
        assert str(Proposal.State.REJECTED.label) == "abgelehnt"
        assert str(Meeting._meta.verbose_name_plural) == "Treffen"
        assert str(Carrier._meta.verbose_name_plural) == "Träger"
