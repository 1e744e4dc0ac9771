"""The action plan's pages (thin: the services in plans.py decide).

Anonymous visitors are sent to the login; a signed-in person without the permission gets 403;
unknown towns, items, milestones and measures 404. A town without a verified municipality
organisation has no plan (404).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from handschlag.audit.registry import verb_label
from handschlag.audit.selectors import entries_about
from handschlag.core.errors import DomainError
from handschlag.core.localized import pick
from handschlag.measures.models import Measure

from . import plans, plans_actions, plans_forms
from . import plans_selectors as selectors
from .models import ActionPlan, Indicator, Milestone, PlanItem
from .views_common import checked_page, load_item, load_plan, require

if TYPE_CHECKING:
    from handschlag.accounts.models import User

S = PlanItem.State
HISTORY_LIMIT = 30
FIELD_OF_CODE = {"owner": "owner", "area": "area", "title": "title", "progress": "progress"}


def _me(request: HttpRequest) -> User:
    return cast("User", request.user)


def _posted(request: HttpRequest) -> Any:
    """The sent data on a POST (even if empty: a form of checkboxes all unticked), else None."""
    return request.POST if request.method == "POST" else None


def measure_url(measure: Measure | None) -> str:
    return reverse("measures:detail", args=[measure.slug]) if measure is not None else ""


def _run(form: Any, call: Any) -> Any:
    """Call the service; a refusal becomes an error on the field it concerns."""
    try:
        return call()
    except DomainError as error:
        form.add_error(FIELD_OF_CODE.get(error.code), error.message)
        return None


# --- the plan ---------------------------------------------------------------------------


@login_required
@checked_page
def plan(request: HttpRequest, town: str) -> HttpResponse:
    action_plan = load_plan(request, town, "assessment.view_plan")
    coordinator = request.user.has_perm("assessment.edit_plan", action_plan)
    page = selectors.plan_page(
        action_plan, user=request.user, today=timezone.localdate(), coordinator=coordinator
    )
    form = plans_forms.PlanFilterForm(request.GET, owners=page.owners)
    form.is_valid()
    shown = selectors.narrow(
        page,
        state=form.value("stand"),
        owner=form.value("verantwortlich"),
        overdue=bool(form.value("ueberfaellig")),
    )
    context = {
        "plan": action_plan,
        "page": shown,
        "form": form,
        "coordinator": coordinator,
        "library_url": reverse("measures:list"),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "assessment/plan/plan.html#items", context)
    return render(request, "assessment/plan/plan.html", context)


def _indicator(request: HttpRequest, action_plan: ActionPlan) -> Indicator | None:
    """The recommending indicator named in ?indikator=, if it is one of the town's."""
    raw = request.GET.get("indikator", "")
    if not raw.isdigit():
        return None
    indicator = Indicator.objects.select_related("area").filter(pk=int(raw)).first()
    allowed = selectors.allowed_framework_ids(action_plan.municipality)
    return indicator if indicator and indicator.area.framework_id in allowed else None


@login_required
@checked_page
def item_add(request: HttpRequest, town: str) -> HttpResponse:
    action_plan = load_plan(request, town, "assessment.edit_plan")
    areas = selectors.plan_areas(action_plan.municipality)
    indicator = _indicator(request, action_plan)
    area = selectors.area_for_indicator(indicator, areas) if indicator else None
    form = plans_forms.ItemForm(
        _posted(request),
        plan=action_plan,
        areas=areas,
        fields=plans_forms.NEW_ITEM_FIELDS,
        initial={"area": area.pk if area else None},
    )
    if request.method == "POST" and form.is_valid():
        item = _run(
            form,
            lambda: plans.add_item(
                plan=action_plan, by=_me(request), indicator=indicator, **form.cleaned_data
            ),
        )
        if item is not None:
            messages.success(request, _("Das Vorhaben steht jetzt im Handlungsplan."))
            return redirect(plans.item_url(item))
    return render(
        request,
        "assessment/plan/item_form.html",
        {"plan": action_plan, "form": form, "indicator": indicator, "new": True},
    )


@login_required
@checked_page
def adopt(request: HttpRequest, town: str, measure: str) -> HttpResponse:
    """ "Nachmachen": a measure of the library into the town's plan, after a confirm page."""
    chosen = get_object_or_404(Measure, slug=measure, state=Measure.State.PUBLISHED)
    action_plan = load_plan(request, town, "assessment.edit_plan")
    require(request, "measures.adopt", action_plan.organisation)
    areas = selectors.plan_areas(action_plan.municipality)
    indicator = _indicator(request, action_plan)
    if indicator is not None:
        area = selectors.area_for_indicator(indicator, areas)
    else:
        area = next((a for a in areas if a.key in (chosen.topics or [])), None)
    form = plans_forms.ItemForm(
        _posted(request),
        plan=action_plan,
        areas=areas,
        fields=plans_forms.ADOPT_FIELDS,
        initial={"title": pick(chosen.title), "area": area.pk if area else None},
    )
    if request.method == "POST" and form.is_valid():
        item = _run(
            form,
            lambda: plans.adopt_measure(
                municipality=action_plan.municipality,
                organisation=action_plan.organisation,
                measure=chosen,
                by=_me(request),
                indicator=indicator,
                **form.cleaned_data,
            ),
        )
        if item is not None:
            messages.success(
                request,
                _(
                    "„%(title)s“ steht jetzt in Ihrem Handlungsplan. Legen Sie Meilensteine an, "
                    "damit der Fortschritt sichtbar wird."
                )
                % {"title": item.title},
            )
            return redirect(plans.item_url(item))
    already = (
        list(action_plan.items.filter(measure=chosen).exclude(state=S.DROPPED))
        if action_plan.pk
        else []
    )
    return render(
        request,
        "assessment/plan/adopt.html",
        {
            "plan": action_plan,
            "form": form,
            "measure": chosen,
            "measure_url": measure_url(chosen),
            "indicator": indicator,
            "already": already,
        },
    )


# --- one item ---------------------------------------------------------------------------


def _state_label(state: str) -> str:
    return str(S(state).label) if state in S.values else state


def _detail(entry: Any) -> str:
    """What an entry of the item's history changed, in words: the fields, the progress, the
    move, the milestone."""
    details = entry.details or {}
    if entry.verb == plans.ITEM_MOVED:
        return f"{_state_label(details.get('from', ''))} → {_state_label(details.get('to', ''))}"
    if "milestone" in details:
        return f"„{details['milestone']}“"
    changes = details.get("changes") or {}
    parts = []
    for name, values in changes.items():
        if name not in plans.COORDINATOR_FIELDS:  # a field that no longer exists
            continue
        label = str(getattr(PlanItem._meta.get_field(name), "verbose_name", name))
        if name == "progress" and isinstance(values, list) and len(values) == 2:
            label = _("Fortschritt %(old)s → %(new)s %%") % {"old": values[0], "new": values[1]}
        parts.append(label)
    return ", ".join(parts)


def _item_context(
    request: HttpRequest, item: PlanItem, milestone_form: Any = None
) -> dict[str, Any]:
    user = request.user
    today = timezone.localdate()
    may_update = user.has_perm("assessment.update_item", item)
    history = [
        (entry, verb_label(entry.verb), _detail(entry))
        for entry in entries_about(item).order_by("-at", "-pk")[:HISTORY_LIMIT]
    ]
    return {
        "plan": item.plan,
        "item": item,
        "progress": selectors.item_progress(item),
        "overdue": item.is_overdue(today),
        "owner_is_member": item.owner is not None
        and item.plan.organisation.memberships.filter(user=item.owner).exists(),
        "may_update": may_update,
        "coordinator": user.has_perm("assessment.edit_plan", item.plan),
        "actions": plans_actions.available_actions(item, user),
        "next_step": plans_actions.next_step(item, may_update=may_update),
        "milestones": list(item.milestones.all()),
        "milestone_form": milestone_form or plans_forms.MilestoneForm(),
        "measure_url": measure_url(item.measure),
        "history": history,
    }


@login_required
@checked_page
def item(request: HttpRequest, town: str, pk: int) -> HttpResponse:
    found = load_item(request, town, pk, "assessment.view_plan")
    return render(request, "assessment/plan/item.html", _item_context(request, found))


@login_required
@checked_page
def item_edit(request: HttpRequest, town: str, pk: int) -> HttpResponse:
    found = load_item(request, town, pk, "assessment.update_item")
    coordinator = request.user.has_perm("assessment.edit_plan", found.plan)
    form = plans_forms.ItemForm(
        _posted(request),
        plan=found.plan,
        areas=selectors.plan_areas(found.plan.municipality),
        fields=plans_forms.COORDINATOR_FIELDS if coordinator else plans_forms.OWNER_FIELDS,
        item=found,
    )
    if request.method == "POST" and form.is_valid():
        done = _run(
            form, lambda: plans.update_item(item=found, by=_me(request), **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, _("Gespeichert."))
            if found.progress == 100 and found.state in (S.IN_PROGRESS, S.PAUSED, S.PLANNED):
                messages.info(
                    request,
                    _("100 % erreicht? Dann markieren Sie das Vorhaben als erledigt."),
                )
            return redirect(plans.item_url(found))
    return render(
        request,
        "assessment/plan/item_form.html",
        {"plan": found.plan, "item": found, "form": form, "coordinator": coordinator},
    )


MOVED = {
    S.IN_PROGRESS: gettext_lazy("Das Vorhaben ist in Arbeit."),
    S.PAUSED: gettext_lazy("Das Vorhaben ist pausiert."),
    S.DONE: gettext_lazy("Erledigt – das Vorhaben zählt jetzt mit 100 % zum Plan."),
    S.DROPPED: gettext_lazy("Das Vorhaben ist verworfen."),
    S.PLANNED: gettext_lazy("Das Vorhaben ist zurückgeholt und wieder geplant."),
}


@login_required
@checked_page
def item_move(request: HttpRequest, town: str, pk: int, state: str) -> HttpResponse:
    """A state change: buttons on the item page post here; dropping asks first (GET)."""
    if state not in S.values:
        raise Http404
    found = load_item(request, town, pk, "assessment.update_item")
    form = plans_forms.MoveForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            plans.move_item(
                item=found, by=_me(request), to=state, comment=form.cleaned_data["comment"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, str(MOVED[S(state)]))
        return redirect(plans.item_url(found))
    return render(
        request,
        "assessment/plan/move.html",
        {
            "plan": found.plan,
            "item": found,
            "form": form,
            "to": S(state),
            "consequence": plans_actions.DROP_CONSEQUENCE if state == S.DROPPED else "",
            # the last item of a measure: the town no longer shows it as its work
            "ends_adoption": state == S.DROPPED
            and found.measure is not None
            and not plans.keeps_adoption(found),
        },
    )


@login_required
@checked_page
def item_links(request: HttpRequest, town: str, pk: int) -> HttpResponse:
    found = load_item(request, town, pk, "assessment.edit_plan")
    form = plans_forms.LinksForm(_posted(request), item=found)
    if request.method == "POST" and form.is_valid():
        done = _run(
            form,
            lambda: plans.set_links(
                item=found,
                by=_me(request),
                events=list(form.cleaned_data["events"]),
                promises=list(form.cleaned_data["promises"]),
            ),
        )
        if done is not None:
            messages.success(request, _("Die Verknüpfungen sind gespeichert."))
            return redirect(plans.item_url(found))
    return render(
        request, "assessment/plan/links.html", {"plan": found.plan, "item": found, "form": form}
    )


# --- milestones -------------------------------------------------------------------------


def _after_milestone(request: HttpRequest, item: PlanItem) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        fresh = selectors.item_on_plan(item.plan.municipality, item.pk)
        return render(
            request, "assessment/plan/item.html#milestones", _item_context(request, fresh)
        )
    return redirect(plans.item_url(item) + "#meilensteine")


@login_required
@checked_page
@require_POST
def milestone_add(request: HttpRequest, town: str, pk: int) -> HttpResponse:
    found = load_item(request, town, pk, "assessment.update_item")
    form = plans_forms.MilestoneForm(request.POST)
    if form.is_valid():
        try:
            plans.add_milestone(item=found, by=_me(request), **form.cleaned_data)
        except DomainError as error:
            form.add_error("title", error.message)
        else:
            return _after_milestone(request, found)
    context = _item_context(request, found, milestone_form=form)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "assessment/plan/item.html#milestones", context)
    return render(request, "assessment/plan/item.html", context)


def _milestone(request: HttpRequest, town: str, pk: int, milestone: int) -> Milestone:
    found = load_item(request, town, pk, "assessment.update_item")
    chosen = get_object_or_404(Milestone, pk=milestone, item=found)
    chosen.item = found
    return chosen


@login_required
@checked_page
@require_POST
def milestone_tick(request: HttpRequest, town: str, pk: int, milestone: int) -> HttpResponse:
    chosen = _milestone(request, town, pk, milestone)
    try:
        plans.set_milestone_done(
            milestone=chosen, by=_me(request), done=request.POST.get("done") == "1"
        )
    except DomainError as error:
        messages.error(request, error.message)
    return _after_milestone(request, chosen.item)


@login_required
@checked_page
def milestone_remove(request: HttpRequest, town: str, pk: int, milestone: int) -> HttpResponse:
    chosen = _milestone(request, town, pk, milestone)
    if request.method == "POST":
        try:
            plans.remove_milestone(milestone=chosen, by=_me(request))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Der Meilenstein ist entfernt."))
        return redirect(plans.item_url(chosen.item) + "#meilensteine")
    return render(
        request,
        "assessment/plan/milestone_remove.html",
        {"plan": chosen.item.plan, "item": chosen.item, "milestone": chosen},
    )
