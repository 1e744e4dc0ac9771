"""A person's answers and delegations in their data export, and what erasing their account
does: the answers stay with the town's round without their name; their delegations and the
invitations to their address are gone."""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder

from handschlag.accounts.services import delete_account, export_user_data
from handschlag.assessment import answering, answering_delegations
from handschlag.assessment.models import Answer, Delegation

from .answering_helpers import question

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world):
    q1 = question(world.framework, "q1")
    answering.save_answer(
        assessment=world.assessment, group=world.civil_society,
        question=question(world.framework, "q5"), by=world.partner,
        given=answering.AnswerInput(
            option_id=question(world.framework, "q5").options.get(key="some").pk,
            note="Drei Begegnungscafés", link="https://example.org/cafes",
            evidence=ContentFile(b"%PDF-1.4", name="abc/liste.pdf"),
        ),
    )  # fmt: skip
    answering.save_answer(
        assessment=world.assessment, group=world.administration, question=q1, by=world.admin,
        given=answering.AnswerInput(option_id=q1.options.first().pk),
    )  # fmt: skip
    answering_delegations.invite_partner(
        assessment=world.assessment, by=world.admin, group=world.administration,
        areas=[world.first_area], email=world.partner.email, language="de",
    )  # fmt: skip
    return world


def test_the_export_has_the_persons_answers_and_delegations(answered):
    world = answered
    data = export_user_data(user=world.partner)["assessment_answers"]
    json.dumps(data, cls=DjangoJSONEncoder)  # serialisable
    [answer] = data["answers"]
    assert answer["round"] == world.assessment.title and answer["group"] == "Zivilgesellschaft"
    assert answer["answer"] == "einige" and answer["note"] == "Drei Begegnungscafés"
    assert answer["file"] == "liste.pdf"
    assert {(d["group"], d["invited_as"]) for d in data["delegations"]} == {
        ("Zivilgesellschaft", ""),
        ("Verwaltung", world.partner.email),  # the invitation to their address
    }
    assert export_user_data(user=world.stranger)["assessment_answers"] == {
        "answers": [],
        "delegations": [],
    }


def test_erasing_keeps_the_answers_without_the_name_and_removes_the_delegations(answered):
    world = answered
    delete_account(user=world.partner)
    answer = Answer.objects.get(question__key="q5")
    assert answer.answered_by is None and answer.note == "Drei Begegnungscafés"
    assert not Delegation.objects.filter(user=world.partner).exists()
    assert not Delegation.objects.filter(email__iexact=world.partner.email).exists()
    assert Answer.objects.get(question__key="q1").answered_by == world.admin
    assert Delegation.objects.filter(user=world.colleague).exists()
