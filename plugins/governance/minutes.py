"""A plenary's minutes: drafted by the portal from the meeting's agenda, attendance (the organisations
present and represented), quorum, motions, amendments and results (with the ballot box's hash for a
secret vote), in the portal's language; then edited by the secretariat (rich text, translatable into
the four languages), approved at a following meeting by a motion (the link kept) and so published."""
from datetime import datetime

from markupsafe import escape
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.api import Base, Member, TranslationsMixin, UTCDateTime, _, default_language, translate_to, translated, utcnow

from .permissions import GovernancePermissions

STATUS_TITLES = {"draft": _("Draft: not yet approved"), "approved": _("Approved")}


class Minutes(TranslationsMixin, Base):
    __tablename__ = "gov_minutes"
    __translatable__ = ("body",)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("gov_meetings.id", ondelete="CASCADE"), unique=True)
    body: Mapped[str] = mapped_column(Text, default="")  # cleaned HTML, in the portal's language
    status: Mapped[str] = mapped_column(String(10), default="draft")
    motion_id: Mapped[int | None] = mapped_column(ForeignKey("gov_motions.id", ondelete="SET NULL"), nullable=True)
    approved: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    edited: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def __acl__(self):
        return GovernancePermissions.minutes(self)


def minutes_of(session, meeting_id) -> Minutes | None:
    return session.scalars(select(Minutes).where(Minutes.meeting_id == meeting_id)).first()


def draft(request, meeting) -> str:
    """The minutes as the portal drafts them, HTML in the portal's language."""
    from .models import CHOICE_TITLES, Attendance, Motion, Proxy
    from .quorum import RULE_TITLES
    from .votes import meeting_quorum, result_of
    session, lang = request.dbsession, default_language(request)

    def t(term, **mapping):
        return escape(translate_to(request, term, lang, mapping=mapping or None))

    names = {m.id: m.name for m in session.scalars(select(Member))}
    parts = [f"<h2>{t(_('Agenda'))}</h2><ol>"]
    parts += [f"<li>{escape(translated(request, item, 'title', lang))}</li>" for item in meeting.items]
    parts.append(f"</ol><h2>{t(_('Attendance'))}</h2>")
    present = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
    present_ids = {row.member_id for row in present}
    modes = {"on_site": _("on site"), "online": _("online")}
    parts.append(f"<p>{t(_('Organisations present:'))}</p><ul>")
    parts += [f"<li>{escape(names.get(row.member_id, ''))}: {t(modes.get(row.mode, _('on site')))}"
              f"{' (' + escape(row.attendee) + ')' if row.attendee else ''}</li>"
              for row in sorted(present, key=lambda r: names.get(r.member_id, ""))]
    parts.append("</ul>")
    proxies = [p for p in session.scalars(select(Proxy).where(Proxy.meeting_id == meeting.id, Proxy.state == "checked"))
               if p.holder_id in present_ids]
    if proxies:
        parts.append(f"<p>{t(_('Organisations represented by proxy:'))}</p><ul>")
        parts += [f"<li>{t(_('${giver}, by ${holder}'), giver=names.get(p.giver_id, ''), holder=names.get(p.holder_id, ''))}"
                  "</li>" for p in proxies]
        parts.append("</ul>")
    quorum = meeting_quorum(request, meeting.id)
    parts.append(f"<h2>{t(_('Quorum'))}</h2><p>")
    parts.append(t(_("${counted} of ${members} member organisations present or represented; the quorum is ${needed}."),
                   **{k: quorum[k] for k in ("counted", "members", "needed")}))
    parts.append(" " + (t(_("The quorum is reached.")) if quorum["reached"] else t(_("The quorum is not reached."))))
    parts.append(f"</p><h2>{t(_('Motions'))}</h2>")
    motions = session.scalars(select(Motion).where(Motion.meeting_id == meeting.id).order_by(Motion.id)).all()
    ordered = [m for top in motions if top.amends_id is None
               for m in [a for a in motions if a.amends_id == top.id] + [top]]
    if not ordered:
        parts.append(f"<p>{t(_('No motion.'))}</p>")
    for motion in ordered:
        title = escape(translated(request, motion, "title", lang))
        heading = t(_("Amendment: ${title}"), title=title) if motion.amends_id else title
        parts.append(f"<h3>{heading}</h3>")
        if not motion.options:
            parts.append(f"<p>{t(_('Majority:'))} {t(RULE_TITLES.get(motion.rule, motion.rule))}"
                         f"{'; ' + t(_('secret ballot')) if motion.secret else ''}</p>")
        if not motion.closed:
            parts.append(f"<p>{t(_('Not voted.'))}</p>")
            continue
        record = motion.record or {}
        parts.append(f"<p><strong>{t(_('Result:'))} {escape(result_of(motion).explanation(lambda term: translate_to(request, term, lang)))}"
                     "</strong></p>")
        counts = record.get("tally") or {}
        titles = {o["key"]: o["title"] for o in motion.options or ()} | {k: translate_to(request, v, lang)
                                                                          for k, v in CHOICE_TITLES.items()}
        parts.append("<p>" + "; ".join(f"{escape(titles.get(k, k))}: {n}" for k, n in counts.items()) + "</p>")
        if motion.secret:
            parts.append(f"<p>{t(_('SHA-256 of the ballot box at the close:'))} {escape(record.get('hash', ''))}</p>")
    return "".join(str(part) for part in parts)
