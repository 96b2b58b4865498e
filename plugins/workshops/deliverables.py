"""The deliverables' rules: the secretariat's templates (four by default, from the guide), a deliverable
made from its template, its sections saved through the core's content service (revisions, the three-way
merge of concurrent edits, restore), its status (draft -> in review -> signed off by the pilot city), a
new version once signed (the signed one kept as it is), and the constitution form's action plan update
applied to the network's action plan when it is signed off."""
import re

from sqlalchemy import func, select

from portal.api import _, clean_html, clock, content_service, html_to_text, load_plan, translate, translate_to
from portal.api import add_action, update_action

from .deliverable_models import HIDDEN_STATE, KINDS, Deliverable, DeliverableSection, DeliverableTemplate
from .deliverable_models import SectionComment
from .networks import action_plan

SECTION_FIELDS = ("body",)
ACTION_PLAN_KEY = "action_plan"
KIND_TITLES = {"thematic": _("Thematic sheet"), "constitution": _("Constitution form of the collaborative network"),
               "problem": _("Priority-problem sheet"), "pilot": _("Report on the first sketch of the pilot project")}
STATUS_TITLES = {"draft": _("Draft"), "review": _("In review"), "signed": _("Signed off by the pilot city")}
assert set(KIND_TITLES) == set(KINDS)

# the guide's four deliverables: (key, title, guidance) of each section
DEFAULT_SECTIONS = {
    "thematic": (
        ("context", _("Context"), _("The city, its situation and why the theme is a priority for it.")),
        ("theme", _("The theme"), _("What the theme covers, its main figures and the actors involved.")),
        ("experiences", _("Experiences of the network"), _("Experiences of member cities answering the theme.")),
        ("questions", _("Open questions"), _("What the workshop should answer."))),
    "constitution": (
        ("members", _("Members of the network"), _("The pilot city, the member cities that joined and their roles.")),
        ("advisory", _("Advisory group"), _("Its people and what each brings.")),
        ("commitments", _("Commitments"), _("What each member commits to, and how the network decides.")),
        (ACTION_PLAN_KEY, _("Action plan update"), _(
            "One action a line: its title, then optionally | its progress in percent. An action already in the "
            "plan gets the new progress; a new title is added to the plan when the form is signed off."))),
    "problem": (
        ("problem", _("The priority problem"), _("The problem chosen, in a few sentences.")),
        ("causes", _("Causes and effects"), _("What causes it, whom it affects and how.")),
        ("practices", _("Good practices that answer it"), _("The experiences presented at the workshop."))),
    "pilot": (
        ("objectives", _("Objectives of the pilot project"), _("What the project should change, and for whom.")),
        ("activities", _("Activities"), _("The first activities, who carries them out and when.")),
        ("resources", _("Resources"), _("People, money and partners needed.")),
        ("next", _("Next steps"), _("What happens after the workshop."))),
}


def default_template(request, kind, language=None):
    """The guide's template of kind in language (else the reader's): {"title", "sections": [...]}."""
    def say(term):
        return translate_to(request, term, language) if language else translate(term, request)
    return {"title": say(KIND_TITLES[kind]),
            "sections": [{"key": key, "title": say(title), "guidance": say(guidance)}
                         for key, title, guidance in DEFAULT_SECTIONS[kind]]}


def template_for(request, kind, language=None):
    """The secretariat's template of kind, else the guide's (in language)."""
    row = request.dbsession.scalars(select(DeliverableTemplate).where(DeliverableTemplate.kind == kind)).first()
    if row is None:
        return default_template(request, kind, language)
    return {"title": row.title, "sections": list(row.sections)}


def save_template(dbsession, kind, title, sections):
    row = dbsession.scalars(select(DeliverableTemplate).where(DeliverableTemplate.kind == kind)).first()
    if row is None:
        row = DeliverableTemplate(kind=kind)
        dbsession.add(row)
    keys = set()
    rows = []
    for section in sections:
        key = section.get("section_id") or section.get("key") or re.sub(r"[^a-z0-9]+", "-", section["title"].lower()).strip("-")[:40] or "section"
        while key in keys:
            key = f"{key[:36]}-{len(keys)}"
        keys.add(key)
        rows.append({"key": key, "title": section["title"], "guidance": section.get("guidance", "")})
    row.title, row.sections = title, rows
    return row


def _add_section(dbsession, deliverable, position, key, title, guidance, body, author):
    return content_service.create(dbsession, DeliverableSection, {"body": body}, author=author,
                                  fields=SECTION_FIELDS, state=HIDDEN_STATE, deliverable=deliverable, key=key,
                                  title=title[:300], position=position, guidance=guidance,
                                  language=deliverable.language, revision=1)


def create_deliverable(request, network, kind, language, author):
    """A deliverable of the network from the template of kind, written in language; its first version."""
    dbsession = request.dbsession
    template = template_for(request, kind, language)
    deliverable = Deliverable(network_id=network.id, network=network, kind=kind, title=template["title"][:300],
                              language=language, state=HIDDEN_STATE, status="draft", version=1, public=False,
                              creator_id=getattr(author, "id", None), author_members=[network.member_id],
                              author_people="")
    dbsession.add(deliverable)
    dbsession.flush()
    for position, section in enumerate(template["sections"]):
        _add_section(dbsession, deliverable, position, section["key"], section["title"], section["guidance"], "",
                     author)
    return deliverable


def latest_version(dbsession, deliverable):
    return dbsession.scalars(select(Deliverable).where(func.coalesce(Deliverable.first_id, Deliverable.id)
                                                       == deliverable.series)
                             .order_by(Deliverable.version.desc()).limit(1)).first()


def versions(dbsession, deliverable):
    return dbsession.scalars(select(Deliverable).where(func.coalesce(Deliverable.first_id, Deliverable.id)
                                                       == deliverable.series)
                             .order_by(Deliverable.version.desc())).all()


def deliverables_of(dbsession, network):
    """The latest version of each of the network's deliverables."""
    rows = dbsession.scalars(select(Deliverable).where(Deliverable.network_id == network.id)
                             .order_by(Deliverable.version)).all()
    latest = {}
    for row in rows:
        latest[row.series] = row
    return sorted(latest.values(), key=lambda d: (KINDS.index(d.kind), d.id))


def new_version(dbsession, signed, author):
    """The next version of a signed-off deliverable, its sections as signed; the signed one stays as it is.
    Once there is a newer version, that one is returned."""
    latest = latest_version(dbsession, signed)
    if latest.status != "signed":
        return latest
    copy = Deliverable(network_id=latest.network_id, network=latest.network, kind=latest.kind, title=latest.title,
                       language=latest.language, state=HIDDEN_STATE, status="draft", version=latest.version + 1,
                       first_id=latest.series, public=False, creator_id=getattr(author, "id", None),
                       author_members=list(latest.author_members or []), author_people=latest.author_people)
    dbsession.add(copy)
    dbsession.flush()
    for section in latest.sections:
        _add_section(dbsession, copy, section.position, section.key, section.title, section.guidance, section.body,
                     author)
    return copy


def section_of(deliverable, key):
    return next((s for s in deliverable.sections if s.key == key), None)


def save_section(dbsession, section, body, base_revision, author, comment=""):
    """The section's text as the co-author wrote it from base_revision, merged with what others saved since
    when the changes do not overlap (portal.api content_service.update: a Saved)."""
    return content_service.update(dbsession, section, {"body": clean_html(body)}, base_revision, author,
                                  fields=SECTION_FIELDS, comment=comment, merge=True)


def restore_section(dbsession, section, rev, author, comment):
    return content_service.restore(dbsession, section, rev, {"body": clean_html(rev.data.get("body") or "")},
                                   author, fields=SECTION_FIELDS, comment=comment).written


def add_comment(dbsession, section, author, text):
    row = SectionComment(section_id=section.id, author_id=author.id, text=text.strip(), created=clock.now())
    dbsession.add(row)
    return row


def comments_of(dbsession, deliverable):
    """{section id: [comments]} of the deliverable, in one query."""
    ids = [s.id for s in deliverable.sections]
    rows = dbsession.scalars(select(SectionComment).where(SectionComment.section_id.in_(ids))
                             .order_by(SectionComment.created, SectionComment.id)).all() if ids else []
    found: dict[int, list] = {}
    for row in rows:
        found.setdefault(row.section_id, []).append(row)
    return found


TRANSITIONS = {"review": ("draft",), "draft": ("review",), "signed": ("review",)}


def set_status(dbsession, deliverable, status, user):
    """draft -> review -> signed (or back to draft from review); False when the move is not one of those."""
    if deliverable.status not in TRANSITIONS.get(status, ()):
        return False
    deliverable.status = status
    if status == "signed":
        deliverable.signed, deliverable.signed_by_id = clock.now(), user.id
        if deliverable.kind == "constitution":
            apply_action_plan_update(dbsession, deliverable, user)
    return True


_LINE = re.compile(r"^\s*(?P<title>[^|]+?)\s*(?:\|\s*(?P<progress>\d{1,3})\s*%?\s*)?$")


def action_plan_lines(text):
    """[(title, progress or None)] of an action plan update's text, one action a line."""
    rows = []
    for line in text.splitlines():
        match = _LINE.match(line.strip(" -*\u2022\t"))
        if match and match.group("title").strip():
            progress = match.group("progress")
            rows.append((match.group("title").strip()[:300], min(int(progress), 100) if progress else None))
    return rows


def apply_action_plan_update(dbsession, deliverable, user):
    """The constitution form's action plan update on the network's action plan: an action of that title gets
    its new progress (a leaf's only: a parent's comes from its children), another title is a new action."""
    section = section_of(deliverable, ACTION_PLAN_KEY)
    if section is None:
        return
    tree = action_plan(dbsession, deliverable.network)
    plan = load_plan(dbsession, tree) if tree.id is not None else None
    by_title = {a.title.strip().lower(): a for a in plan.actions.values()} if plan is not None else {}
    note = f"{deliverable.title} v{deliverable.version}"
    for title, progress in action_plan_lines(html_to_text(section.body or "")):
        found = by_title.get(title.lower())
        if found is None:
            by_title[title.lower()] = add_action(dbsession, tree, title, by=user, note=note,
                                                 **({"progress": progress} if progress is not None else {}))
        elif progress is not None and plan is not None and plan.is_leaf(found):
            update_action(dbsession, found, by=user, note=note, progress=progress)
