"""The steps the secretariat takes a call through, from its closing to its published results, each with
what it waits for: shown on the call's page and, for the step due, on /manage ("waiting for you")."""
from dataclasses import dataclass

from sqlalchemy import select

from portal.api import _

from portal.api import clock
from .format import when
from .jury import eligible_entries, progress, short_of_jurors, unassigned, waiting_for_eligibility
from .models import AwardCall


@dataclass
class Step:
    name: str
    title: object
    done: bool
    note: object = None  # what it waits for, with counts
    action: object = None  # the label of what to do now
    url: str | None = None
    post: bool = False  # the action is a form sent (assign), not a link
    enabled: bool = False
    current: bool = False


def steps(request, call) -> list[Step]:
    state = call.state
    closed = state not in ("upcoming", "open")
    submitted = [e for e in call.entries if e.status == "submitted"]
    waiting = waiting_for_eligibility(call)
    eligible = eligible_entries(call)
    missing = unassigned(call)
    short = short_of_jurors(call)
    _rows, done, due = progress(call)
    winners = [e for e in eligible if e.outcome]
    date = lambda value: when(request, call, value)  # noqa: E731
    found = []

    found.append(Step("close", _("Close the call"), closed,
                      note=(_("Closed on ${date}: ${count} entries submitted.",
                              mapping={"date": date(call.closes), "count": len(submitted)}) if closed else
                            _("Closes by itself on ${date}; ${count} entries submitted so far.",
                              mapping={"date": date(call.closes), "count": len(submitted)}))))
    found.append(Step("eligibility", _("Check the eligibility"), closed and bool(submitted) and not waiting,
                      note=(_("${count} entries wait for your decision.", mapping={"count": len(waiting)}) if waiting
                            else _("${count} eligible entries.", mapping={"count": len(eligible)})),
                      action=_("Check the eligibility (${count} waiting)", mapping={"count": len(waiting)}),
                      url=request.route_path("award_entries", call=call.id), enabled=closed and bool(waiting)))
    enough = len(call.jurors) >= call.reviews_per_entry and not short
    found.append(Step("jurors", _("Name the jurors"), enough and bool(call.jurors),
                      note=_jurors_note(call, short),
                      action=_("Add jurors"), url=request.route_path("award_jury", call=call.id), enabled=True))
    assigned_all = bool(eligible) and not missing
    can_assign = closed and not waiting and bool(eligible) and bool(missing) and not short
    found.append(Step("assign", _("Assign the entries"), assigned_all,
                      note=_assign_note(call, waiting, eligible, missing, short, closed),
                      action=_("Assign the entries"), url=request.route_path("award_assign", call=call.id),
                      post=True, enabled=can_assign))
    found.append(Step("reviews", _("Reviews by the jury"), due > 0 and done == due,
                      note=_("${done} of ${due} reviews done; the evaluation closes on ${date}.",
                             mapping={"done": done, "due": due, "date": date(call.evaluation_closes)}),
                      action=_("Follow the jurors"), url=request.route_path("award_jury", call=call.id),
                      enabled=due > 0))
    found.append(Step("rank", _("Rank and choose the winners"), bool(winners),
                      note=_("${count} winners and mentions chosen.", mapping={"count": len(winners)}),
                      action=_("See the ranking"), url=request.route_path("award_ranking", call=call.id),
                      enabled=done > 0))
    public = call.results_public
    found.append(Step("publish", _("Publish the results"), public,
                      note=(_("Published on ${date}.", mapping={"date": date(call.results_date)}) if public else
                            _("The results are published by themselves on ${date}, with the mails to the "
                              "applicants.", mapping={"date": date(call.results_date)})),
                      action=_("See the results") if public else _("Change the date"),
                      url=(request.route_path("award_results", call=call.id) if public
                           else request.route_path("award_call_edit", call=call.id)),
                      enabled=True))
    for step in found:
        if not step.done:
            step.current = True
            break
    return found


def _jurors_note(call, short):
    if short:
        entry, free = short[0]
        return _("${per} reviews per entry need at least ${per} jurors without a conflict; ${count} entries have "
                 "fewer (the fewest: ${free}).",
                 mapping={"per": call.reviews_per_entry, "count": len(short), "free": free})
    return _("${count} jurors; each entry gets ${per} reviews.",
             mapping={"count": len(call.jurors), "per": call.reviews_per_entry})


def _assign_note(call, waiting, eligible, missing, short, closed):
    if not closed:
        return _("Once the call has closed.")
    if waiting:
        return _("First decide on the eligibility of the ${count} entries waiting.", mapping={"count": len(waiting)})
    if not eligible:
        return _("No entry is eligible yet.")
    if short:
        return _jurors_note(call, short)
    if missing:
        return _("${count} reviews to assign.", mapping={"count": sum(missing.values())})
    return _("Every eligible entry has its ${per} reviews.", mapping={"per": call.reviews_per_entry})


def manage_tasks(request) -> list[dict]:
    """What the awards wait for from the secretariat, for /manage: the step due of each call under way."""
    if not request.has_permission("manage", request.site):
        return []
    now = clock.now()
    calls = request.dbsession.scalars(select(AwardCall).where(AwardCall.closes <= now, AwardCall.results_date > now)
                                      .order_by(AwardCall.closes)).all()
    tasks = []
    for call in calls:
        current = next((s for s in steps(request, call) if s.current), None)
        if current is None or current.name == "publish":
            continue
        tasks.append({"title": f"{call.edition} {call.title}", "url": request.route_path("award_call", call=call.id),
                      "step": current.title, "note": current.note})
    return tasks
