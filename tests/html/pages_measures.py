"""The library pages of the HTML check: the list (with results, none, a bad filter), a measure
as visitors, town staff and moderators see it (towns, reports, materials), a proposal in its
states with its form, materials, deletion and review, a town's report form, changing a report
and its review (and the moderation queue of reports), "Ihre Vorschläge".

Each page's URL builds its own small scene with the factories (undone after the page, like
every write of the check): the demo world's people act in it — "initiative" administers
"Willkommen in Sonneberg e. V." (which proposes), "municipality" the verified Potsdam office
(which adopts and reports), "moderator" reviews."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from handschlag.measures import materials, reports
from handschlag.measures.models import Adoption, Measure, Report
from tests.demo_world import DemoWorld
from tests.measures.factories import MeasureFactory

from .page import Page, anonymous, at, in_english, nothing, person
from .world import PageWorld


def library_scene(world: DemoWorld) -> Measure:
    """Three published measures; the first done by Potsdam, with a report and a material."""
    cafe = MeasureFactory(
        slug="html-willkommenscafe",
        title={"de": "Willkommenscafé im Rathaus", "en": "Welcome café at the town hall"},
        summary={
            "de": "Ein offener Treffpunkt für alte und neue Nachbarn, einmal im Monat.",
            "en": "An open meeting place for old and new neighbours, once a month.",
        },
        goal={"de": "Menschen lernen sich kennen.", "en": "People get to know each other."},
        steps=[
            {"de": "Raum im Rathaus klären", "en": "Arrange a room in the town hall"},
            {"de": "Einladung mehrsprachig verteilen", "en": "Spread a multilingual invitation"},
            {"de": "Nach drei Monaten auswerten", "en": "Review after three months"},
        ],
        duration={"de": "ein Nachmittag im Monat", "en": "one afternoon a month"},
        format="encounter",
        topics=["cohesion", "engagement"],
        target_groups=["newcomers", "public"],
        effort="low",
        organisation=world.organisation("willkommen"),
    )
    MeasureFactory(
        slug="html-fortbildung",
        title={"de": "Fortbildung interkulturelle Öffnung", "en": "Intercultural training"},
        format="training",
        topics=["opening"],
        target_groups=["administration"],
        effort="medium",
    )
    MeasureFactory(slug="html-konzept", format="strategy", effort="high")
    potsdam = world.organisation("stadt_potsdam")
    Adoption.objects.create(measure=cafe, municipality=potsdam.municipality, organisation=potsdam)
    published = reports.add_report(
        measure=cafe,
        organisation=potsdam,
        by=world.person("municipality"),
        note="Im Schnitt kamen 30 Menschen. Wichtig war die persönliche Einladung.",
        url="https://www.potsdam.example/willkommenscafe",
    )
    reports.publish_report(report=published, by=world.person("moderator"))
    reports.add_report(  # waits for moderation: its author sees it marked
        measure=cafe,
        organisation=potsdam,
        by=world.person("municipality"),
        note="Nachtrag: Im Winter kamen weniger, eine Kinderecke half.",
    )
    materials.add_material(
        measure=cafe,
        by=world.person("moderator"),
        title={"de": "Einladung (Vorlage)", "en": "Invitation (template)"},
        upload=SimpleUploadedFile("einladung.pdf", b"%PDF-1.4\n" + b"0" * 3000),
    )
    return cafe


def proposal_scene(world: DemoWorld, state: str = "draft") -> Measure:
    returned = "Bitte beschreiben Sie die Schritte genauer." if state == "draft" else ""
    return MeasureFactory(
        slug=f"html-vorschlag-{state}",
        title={"de": "Sprachcafé in der Stadtbibliothek"},
        state=state,
        organisation=world.organisation("willkommen"),
        created_by=world.person("initiative"),
        published_at=None,
        moderation_comment=returned,
    )


def _detail(world: PageWorld) -> str:
    return library_scene(world).get_absolute_url()


def _list(query: str = "") -> Any:
    def build(world: PageWorld) -> str:
        library_scene(world)
        return reverse("measures:list") + query

    return build


def _of_proposal(name: str = "", state: str = "draft") -> Any:
    def build(world: PageWorld) -> str:
        measure = proposal_scene(world, state)
        if state == "draft":
            materials.add_material(
                measure=measure,
                by=world.person("initiative"),
                title={"de": "Ablaufplan"},
                upload=SimpleUploadedFile("ablauf.pdf", b"%PDF-1.4\n"),
            )
        return reverse(name, args=[measure.slug]) if name else measure.get_absolute_url()

    return build


def _of_library(name: str) -> Any:
    return lambda world: reverse(name, args=[library_scene(world).slug])


def _of_report(name: str, state: str = "pending") -> Any:
    """A page of one of the scene's reports (the published one, or the one that waits)."""

    def build(world: PageWorld) -> str:
        cafe = library_scene(world)
        report = Report.objects.get(measure=cafe, state=state)
        return reverse(name, args=[cafe.slug, report.pk])

    return build


def _report_queue(world: PageWorld) -> str:
    library_scene(world)
    return reverse("moderation:dashboard") + "?queue=measure_reports"


def _queue(world: PageWorld) -> str:
    proposal_scene(world, "submitted")
    return reverse("moderation:dashboard") + "?queue=measures"


MEASURE_PAGES = [
    Page("measures_list", anonymous, _list()),
    Page("measures_list_filtered", person("volunteer"), _list("?topic=cohesion&effort=low")),
    Page("measures_list_none_found", anonymous, _list("?q=Blumenkohl")),
    Page("measures_list_bad_filter", anonymous, _list("?format=party&effort=low")),
    Page("measures_list_proposer", person("initiative"), _list()),
    Page("measure_detail", anonymous, _detail),
    Page("measure_detail_signed_in", person("volunteer"), _detail),
    Page("measure_detail_town", person("municipality"), _detail),
    Page("measure_detail_moderator", person("moderator"), _detail),
    Page("measure_draft", person("initiative"), _of_proposal()),
    Page("measure_submitted", person("initiative"), _of_proposal(state="submitted")),
    Page("measure_propose", person("initiative"), at("measures:propose")),
    Page("measure_propose_errors", person("initiative"), at("measures:propose"), data=nothing),
    Page("measure_propose_refused", person("moderator"), at("measures:propose"), status=403),
    Page("measure_edit", person("initiative"), _of_proposal("measures:edit")),
    Page("measure_edit_errors", person("initiative"), _of_proposal("measures:edit"), data=nothing),
    Page("measure_materials", person("initiative"), _of_proposal("measures:materials")),
    Page(
        "measure_materials_errors",
        person("initiative"),
        _of_proposal("measures:materials"),
        data=nothing,
    ),
    Page("measure_delete", person("initiative"), _of_proposal("measures:delete")),
    Page("measures_mine", person("initiative"), at("measures:mine")),
    Page("measures_mine_empty", person("volunteer"), at("measures:mine")),
    Page("measure_report", person("municipality"), _of_library("measures:report")),
    Page(
        "measure_report_errors",
        person("municipality"),
        _of_library("measures:report"),
        data=nothing,
    ),
    Page("measure_report_refused", person("volunteer"), _of_library("measures:report"), status=403),
    Page("measure_review", person("moderator"), _of_proposal("measures:review", "submitted")),
    Page(
        "measure_review_errors",
        person("moderator"),
        _of_proposal("measures:review", "submitted"),
        data=lambda w: {"decision": "return", "return-comment": ""},
    ),
    Page("measure_review_published", person("moderator"), _of_library("measures:review")),
    Page("moderation_measures", person("moderator"), _queue),
    Page("measure_report_edit", person("municipality"),
         _of_report("measures:edit_report", "published")),
    Page("measure_report_edit_pending", person("municipality"),
         _of_report("measures:edit_report")),
    Page("measure_report_edit_errors", person("municipality"),
         _of_report("measures:edit_report"), data=lambda w: {"note": ""}),
    Page("measure_report_review", person("moderator"), _of_report("measures:review_report")),
    Page("measure_report_review_errors", person("moderator"),
         _of_report("measures:review_report"),
         data=lambda w: {"decision": "return", "return-comment": ""}),
    Page("moderation_measure_reports", person("moderator"), _report_queue),
]  # fmt: skip
MEASURE_PAGES += in_english(
    MEASURE_PAGES,
    "measures_list",
    "measure_detail",
    "measure_detail_town",
    "measure_propose_errors",
    "measure_report",
    "measure_report_edit",
)
