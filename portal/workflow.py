"""State machines declared by plugins (add_workflow); transitions are checked by permission and logged."""
from dataclasses import dataclass, field

from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden

from .i18n import _
from .models import WorkflowLog, utcnow


@dataclass(frozen=True)
class State:
    name: str
    title: str
    public: bool = False  # everyone may view an item in this state


@dataclass(frozen=True)
class Transition:
    name: str
    title: str
    sources: tuple
    target: str
    permission: str
    done: str | None = None  # what the person who made it is told ("Sent to the secretariat for review.")


@dataclass
class Workflow:
    name: str
    initial: str
    states: dict
    transitions: list = field(default_factory=list)
    listed_states: tuple = ("published",)  # shown in listings, feeds and search
    author_edit_states: tuple = ("draft", "pending")  # where the author may still change the item

    def state(self, name):
        return self.states[name]

    def available(self, obj, request):
        return [t for t in self.transitions
                if obj.state in t.sources and request.has_permission(t.permission, obj)]

    def transition(self, obj, request, name, comment=""):
        match = [t for t in self.transitions if t.name == name and obj.state in t.sources]
        if not match:
            raise HTTPBadRequest(_("This change of state is not possible from here."))
        tr = match[0]
        if not request.has_permission(tr.permission, obj):
            raise HTTPForbidden()
        previous = obj.state
        obj.state = tr.target
        if tr.target in self.listed_states and obj.published is None:
            obj.published = utcnow()
        request.dbsession.add(WorkflowLog(content_id=obj.id, transition=tr.name, from_state=previous,
                                          to_state=tr.target, actor_id=getattr(request.identity, "id", None),
                                          comment=comment))
        request.registry.notify(ContentTransitioned(obj, request, self, tr, previous, comment))
        return tr


@dataclass
class ContentTransitioned:
    """Sent (registry.notify) after an item changed state; plugins subscribe to act on it."""
    obj: object
    request: object
    workflow: Workflow
    transition: Transition
    previous: str
    comment: str


def tell_the_author(event):
    """The author hears of a change made by someone else: published, sent back with a reason..."""
    obj, request = event.obj, event.request
    author, actor = obj.creator, request.user
    if author is None or not author.active or actor is None or author.id == actor.id:
        return
    request.send_template("state-changed", author, title=obj.title[:120], actor=actor.name,
                          state=event.workflow.states[event.transition.target].title, comment=event.comment or "",
                          link=request.route_url(f"{obj.type}.view", id=obj.id))


PUBLICATION = Workflow(
    name="publication",
    initial="draft",
    states={
        "draft": State("draft", _("Draft")),
        "pending": State("pending", _("Pending review")),
        "published": State("published", _("Published"), public=True),
        "archived": State("archived", _("Archived"), public=True),
    },
    transitions=[
        Transition("submit", _("Submit for review"), ("draft",), "pending", "edit",
                   _("Sent to the secretariat for review. You will get a mail when it is published or sent back.")),
        Transition("publish", _("Publish"), ("draft", "pending"), "published", "review",
                   _("Published: everyone can read it now.")),
        Transition("reject", _("Send back"), ("pending",), "draft", "review",
                   _("Sent back to its author.")),
        Transition("retract", _("Retract"), ("published",), "draft", "review",
                   _("Retracted: it is a draft again, seen only by its authors and reviewers.")),
        Transition("archive", _("Archive"), ("published",), "archived", "review",
                   _("Archived: it stays readable but leaves the listings.")),
        Transition("restore", _("Publish again"), ("archived",), "published", "review",
                   _("Published again.")),
    ],
)
