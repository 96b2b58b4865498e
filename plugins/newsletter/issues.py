"""Composing an issue and deciding its sending, for the control panel's steps: name and audience,
items, editorial, then check and send. The delivery itself is `campaign`'s."""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import case, func, or_, select, update

from portal.api import REGIONS
from portal.api import LANGUAGES, _, translate, translate_to
from portal.api import Content, utcnow
from portal.api import NoSuchTime, is_zone, local_to_utc

from . import campaign
from .links import SAMPLE
from .models import Issue, IssueItem, IssueVersion
from .schemas import theme_choices

MAX_FOUND = 100  # items offered at once: a narrower search finds the others
EXCLUDED_TYPES = ("section", "page")  # the site's structure, not news of the network


# --- step 1: name and audience ----------------------------------------------------------------------

def details_appstruct(issue: Issue) -> dict:
    return {"title": issue.title, "default_language": issue.default_language,
            "audience": {"language": issue.audience_language, "region": issue.audience_region,
                         "theme": issue.audience_theme}}


def apply_details(issue: Issue, appstruct: dict) -> None:
    issue.title, issue.default_language = appstruct["title"], appstruct["default_language"]
    audience = appstruct["audience"]
    issue.audience_language, issue.audience_region, issue.audience_theme = (
        audience["language"], audience["region"], audience["theme"])
    issue.modified = utcnow()


def audience_parts(request, issue: Issue) -> list[tuple[str, str]]:
    """[(what, which)] of the parts of the audience that are set, in the reader's language, such as
    [("Readers of", "Español"), ("Interested in the region", "Africa")]."""
    themes = dict(theme_choices(request)) if issue.audience_theme else {}
    parts = []
    if issue.audience_language:
        parts.append((translate(_("Readers of"), request), LANGUAGES.get(issue.audience_language, "")))
    if issue.audience_region:
        parts.append((translate(_("Interested in the region"), request),
                      translate(REGIONS[issue.audience_region], request) if issue.audience_region in REGIONS
                      else issue.audience_region))
    if issue.audience_theme:
        parts.append((translate(_("Interested in the theme"), request),
                      themes.get(issue.audience_theme, issue.audience_theme)))
    return parts


def audience_text(request, issue: Issue) -> str:
    """"Readers of: Español · Interested in the region: Africa", or "Every subscriber"."""
    parts = audience_parts(request, issue)
    if not parts:
        return translate(_("Every subscriber"), request)
    return " · ".join(f"{what}: {which}" for what, which in parts)


# --- step 2: items ----------------------------------------------------------------------------------

@dataclass
class ItemSearch:
    """What the secretariat looks for among the portal's content, as typed (kept on a refusal)."""
    words: str = ""
    type: str = ""
    language: str = ""
    since: str = ""
    until: str = ""
    errors: dict = field(default_factory=dict)  # field name -> translation string

    @classmethod
    def from_params(cls, request, params, default_since: date | None) -> "ItemSearch":
        found = cls(words=params.get("q", "").strip()[:200], type=params.get("type", ""),
                    language=params.get("language", ""),
                    since=params.get("since", default_since.isoformat() if default_since else "").strip(),
                    until=params.get("until", "").strip())
        if found.type and found.type not in offered_types(request):
            found.errors["type"] = _("Choose a type of the list.")
        if found.language and found.language not in LANGUAGES:
            found.errors["language"] = _("Choose a language of the list.")
        for name in ("since", "until"):
            if getattr(found, name) and found.day(name) is None:
                found.errors[name] = _("Write the date as 2026-11-30.")
        return found

    def day(self, name: str) -> date | None:
        try:
            return date.fromisoformat(getattr(self, name))
        except ValueError:
            return None

    def query(self) -> dict:
        return {"q": self.words, "type": self.type, "language": self.language, "since": self.since,
                "until": self.until}


def offered_types(request) -> dict:
    return {name: info for name, info in request.registry.portal.content_types.items()
            if name not in EXCLUDED_TYPES}


def last_issue_date(db, exclude: Issue | None = None) -> datetime | None:
    stmt = select(func.max(Issue.started)).where(Issue.started.is_not(None))
    if exclude is not None:
        stmt = stmt.where(Issue.id != exclude.id)
    return db.scalar(stmt)


def default_since(db, issue: Issue | None) -> date:
    """Items published since the last issue (or in the last 60 days) are offered first."""
    return (last_issue_date(db, issue) or utcnow() - timedelta(days=60)).date()


@dataclass
class Choice:
    """One piece of content with all its translations: one checkbox, the subscriber reads their language."""
    content_id: int
    title: str
    title_language: str
    kind: str
    published: datetime | None
    languages: list


def _choices(request, groups: list[str], chosen: dict[str, int], preferred: tuple[str, ...]) -> dict[str, Choice]:
    """{translation group: Choice}, titled in the first preferred language the group has."""
    if not groups:
        return {}
    types = offered_types(request)
    rows = request.dbsession.execute(
        select(Content.id, Content.translation_group, Content.title, Content.language, Content.type,
               Content.published, Content.state).where(Content.translation_group.in_(groups))).all()
    by_group = {}
    for row in rows:
        if row.type in types and (row.state == "published" or row.id in chosen.values()):
            by_group.setdefault(row.translation_group, []).append(row)
    found = {}
    for group, members in by_group.items():
        members.sort(key=lambda r: (preferred.index(r.language) if r.language in preferred else len(preferred),
                                    r.id))
        shown = members[0]
        found[group] = Choice(content_id=chosen.get(group, shown.id), title=shown.title,
                              title_language=shown.language, kind=translate(types[shown.type].title, request),
                              published=max((m.published for m in members if m.published), default=None),
                              languages=sorted({m.language for m in members}, key=list(LANGUAGES).index))
    return found


def preferred_languages(request, issue: Issue | None) -> tuple[str, ...]:
    first = (request.locale_name, issue.default_language if issue is not None else request.locale_name)
    return tuple(dict.fromkeys([*first, *LANGUAGES]))


def chosen_items(request, issue: Issue) -> list[Choice]:
    """The issue's items in their order, one per translation group."""
    groups = {it.content.translation_group: it.content_id for it in issue.items if it.content is not None}
    found = _choices(request, list(groups), groups, preferred_languages(request, issue))
    return [found[g] for g in groups if g in found]


def search_items(request, issue: Issue, search: ItemSearch) -> tuple[list[Choice], bool]:
    """Published content matching the search that the issue does not hold yet, newest first, one
    choice per translation group (a group matches when any of its versions does); and whether
    there were more than MAX_FOUND."""
    types = list(offered_types(request))
    if search.type:
        types = [search.type]
    held = {it.content.translation_group for it in issue.items if it.content is not None}
    stmt = select(Content.translation_group, func.max(Content.published).label("newest")).where(
        Content.type.in_(types), Content.state == "published")
    if search.language:
        stmt = stmt.where(Content.language == search.language)
    if search.words:
        pattern = f"%{search.words}%"
        stmt = stmt.where(or_(Content.title.ilike(pattern), Content.description.ilike(pattern)))
    if search.day("since"):
        stmt = stmt.where(Content.published >= datetime.combine(search.day("since"), time(), timezone.utc))
    if search.day("until"):
        stmt = stmt.where(Content.published < datetime.combine(search.day("until") + timedelta(days=1), time(), timezone.utc))
    if held:
        stmt = stmt.where(Content.translation_group.not_in(held))
    stmt = stmt.group_by(Content.translation_group).order_by(func.max(Content.published).desc())
    groups = request.dbsession.scalars(stmt.limit(MAX_FOUND + 1)).all()
    found = _choices(request, groups[:MAX_FOUND], {}, preferred_languages(request, issue))
    return [found[g] for g in groups[:MAX_FOUND] if g in found], len(groups) > MAX_FOUND


def choices_of(request, issue: Issue, content_ids: set[int]) -> list[Choice]:
    """Those of the given items that the issue does not hold: the ticks of a refused search, kept."""
    if not content_ids:
        return []
    held = {it.content.translation_group for it in issue.items if it.content is not None}
    groups = {group: id_ for id_, group in request.dbsession.execute(
        select(Content.id, Content.translation_group).where(Content.id.in_(content_ids))) if group not in held}
    found = _choices(request, list(groups), groups, preferred_languages(request, issue))
    return [found[g] for g in groups if g in found]


def apply_items(request, issue: Issue, content_ids: list[int]) -> None:
    """The issue holds these items, in this order; an item already held keeps its place's version."""
    allowed = {c.content_id for c in chosen_items(request, issue)}
    wanted = [i for i in dict.fromkeys(content_ids)]
    if wanted:
        published = set(request.dbsession.scalars(select(Content.id).where(
            Content.id.in_(wanted), Content.type.in_(list(offered_types(request))), Content.state == "published")))
        wanted = [i for i in wanted if i in published or i in allowed]
    issue.items = [it for it in issue.items if it.content_id in wanted]
    have = {it.content_id for it in issue.items}
    for content_id in wanted:
        if content_id not in have:
            issue.items.append(IssueItem(content_id=content_id))
    for it in issue.items:
        it.position = wanted.index(it.content_id)
    issue.modified = utcnow()


# --- step 3: editorial ------------------------------------------------------------------------------

def editorial_appstruct(issue: Issue) -> dict:
    return {f"version_{v.language}": {"subject": v.subject, "editorial": v.editorial} for v in issue.versions}


def apply_editorial(issue: Issue, appstruct: dict) -> None:
    by_language = {v.language: v for v in issue.versions}
    for code in LANGUAGES:
        data = appstruct.get(f"version_{code}") or {}
        subject = " ".join((data.get("subject") or "").split())
        if subject:
            version = by_language.get(code) or IssueVersion(language=code, subject="")
            version.subject, version.editorial = subject, data.get("editorial") or ""
            if code not in by_language:
                issue.versions.append(version)
        elif code in by_language:
            issue.versions.remove(by_language[code])
    issue.modified = utcnow()


# --- step 4: check and send -------------------------------------------------------------------------

def problems(db, issue: Issue) -> list[tuple[object, str]]:
    """What stops the issue from being sent: [(message, step route)]."""
    found = []
    default = issue.version(issue.default_language)
    if default is None or default.language != issue.default_language:
        found.append((_("Write the subject of the version in the default language (${language}).",
                        mapping={"language": LANGUAGES[issue.default_language]}), "newsletter_issue_editorial"))
    if not issue.items and not any(v.editorial for v in issue.versions):
        found.append((_("The issue is empty: choose items or write an editorial."), "newsletter_issue_items"))
    if not campaign.audience_size(db, issue):
        found.append((_("No subscriber is in this audience: widen it."), "newsletter_issue_details"))
    return found


def recipients(db, issue: Issue) -> list[dict]:
    """Per language of the audience: how many subscribers, and the version they will read."""
    counts = campaign.audience_by_language(db, issue)
    rows = []
    for code, name in LANGUAGES.items():
        if counts.get(code):
            version = issue.version(code)
            rows.append({"language": code, "name": name, "count": counts[code],
                         "version": version.language if version else None})
    return rows


@dataclass
class Schedule:
    """A sending date-time as the secretariat typed it, in their zone; `when` is the UTC moment."""
    send_at: str = ""
    timezone: str = ""
    when: datetime | None = None
    errors: dict = field(default_factory=dict)

    @property
    def readable(self) -> bool:
        """Whether the typed value fits a date-time field (else it is shown as text, as typed)."""
        try:
            datetime.strptime(self.send_at, "%Y-%m-%dT%H:%M")
        except ValueError:
            return not self.send_at
        return True

    @classmethod
    def parse(cls, send_at: str, zone: str, now: datetime) -> "Schedule":
        found = cls(send_at=send_at.strip()[:40], timezone=zone.strip()[:60])
        if not is_zone(found.timezone):
            found.errors["timezone"] = _("Choose a time zone of the list.")
        try:
            local = datetime.strptime(found.send_at.replace(" ", "T"), "%Y-%m-%dT%H:%M")
        except ValueError:
            found.errors["send_at"] = _("Give the date and time of sending, such as 2026-12-01 09:00.")
            return found
        if found.errors:
            return found
        try:
            found.when = local_to_utc(local, found.timezone)
        except NoSuchTime:
            found.errors["send_at"] = _("This time does not exist in that zone (the clocks skip it that day): "
                                        "choose another.")
            return found
        if found.when <= now:
            found.errors["send_at"] = _("That time has passed: choose a time to come, or send now.")
        return found


def default_zone(db, user) -> str:
    """The zone the secretariat used last (this person's first), else ""."""
    mine = case((Issue.creator_id == (user.id if user is not None else None), 0), else_=1)
    return db.scalar(select(Issue.timezone).where(Issue.timezone != "").order_by(mine, Issue.modified.desc())
                     .limit(1)) or ""


def start_sending(request, issue: Issue) -> int | None:
    """Send now: the rows of the campaign, once. None when another request started or sent it first."""
    db = request.dbsession
    if not _claim(db, issue, "sending"):
        return None
    issue.base_url = request.application_url
    return campaign.start_campaign(db, issue)


def schedule(request, issue: Issue, plan: Schedule) -> bool:
    """Send at plan.when (the worker starts it); False when the issue is no longer a draft or scheduled."""
    db = request.dbsession
    if not _claim(db, issue, "scheduled"):
        return False
    issue.send_at, issue.timezone, issue.base_url = plan.when, plan.timezone, request.application_url
    issue.modified = utcnow()
    return True


def _claim(db, issue: Issue, status: str) -> bool:
    """Move a draft or scheduled issue to `status` in one conditional UPDATE, so that of two requests
    at the same moment (two clicks, two people, or the worker) one goes on and the other is told."""
    moved = db.execute(update(Issue).where(Issue.id == issue.id, Issue.status.in_(("draft", "scheduled")))
                       .values(status=status).execution_options(synchronize_session=False)).rowcount
    db.refresh(issue)
    return bool(moved)


def unschedule(db, issue: Issue) -> bool:
    moved = db.execute(update(Issue).where(Issue.id == issue.id, Issue.status == "scheduled")
                       .values(status="draft", send_at=None).execution_options(synchronize_session=False)).rowcount
    db.refresh(issue)
    return bool(moved)


def send_test(request, issue: Issue, address: str, language: str) -> None:
    """The issue as a subscriber of `language` reads it, to one address, with "[Test]" before the subject."""
    mail_request = campaign.mail_request(request.registry, language, request.application_url)
    mail_request.dbsession = request.dbsession
    rendered = campaign.render_mail(mail_request, issue, language)
    # Its links are the sample ones: the address may be no subscriber's, and a test must not act on anyone's
    # subscription; the sample unsubscribe link answers a one-click POST with success all the same.
    row = campaign.personal_message(request.registry.settings, rendered, None, to=address, token=SAMPLE,
                                    subject_prefix=translate_to(request, _("[Test]"), language) + " ")
    request.dbsession.add(row)
