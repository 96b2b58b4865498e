"""The fields of a session, shared by the secretariat's form adding one and the call for sessions: what it
is (title, description, kind, speakers: proposed by a working group or a member) and where it is placed
(track, room, places, mandatory, times: the secretariat's, when it adds or accepts one)."""
import colander
import deform
from sqlalchemy import select

from portal.api import Member, _, datetime_node

from .conference_schemas import count_node
from .programme import SESSION_KINDS, ProgrammeSession, Speaker


SPEAKER_NAME_MAX = 200  # event_speakers.name


def check_speakers(node, value):
    for number, line in enumerate(value.splitlines(), 1):
        if line.count("|") > 1 or not line.split("|")[0].strip() and line.strip():
            raise colander.Invalid(node, _("Line ${line} reads wrong: write “Name | member organisation”.",
                                           mapping={"line": number}))
        if len(line.split("|")[0].strip()) > SPEAKER_NAME_MAX:
            raise colander.Invalid(node, _("Line ${line}: a speaker's name has at most ${max} characters.",
                                           mapping={"line": number, "max": SPEAKER_NAME_MAX}))


def content_nodes(schema):
    schema.add(colander.SchemaNode(colander.String(), name="title", title=_("Title"),
                                   validator=colander.Length(1, 300)))
    schema.add(colander.SchemaNode(colander.String(), name="description", title=_("Description"), missing="",
                                   validator=colander.Length(0, 5000), widget=deform.widget.TextAreaWidget(rows=4)))
    schema.add(colander.SchemaNode(colander.String(), name="kind", title=_("Kind"),
                                   validator=colander.OneOf(list(SESSION_KINDS)),
                                   widget=deform.widget.SelectWidget(values=list(SESSION_KINDS.items()))))
    schema.add(colander.SchemaNode(
        colander.String(), name="speakers", title=_("Speakers"), missing="", validator=check_speakers,
        widget=deform.widget.TextAreaWidget(rows=3),
        description=_("One a line: “Name | member organisation” (the organisation as the members list names "
                      "it; optional).")))
    return schema


def placing_nodes(schema, zone):
    for name, title in (("track", _("Track")), ("room", _("Room"))):
        schema.add(colander.SchemaNode(colander.String(), name=name, title=title, missing="",
                                       validator=colander.Length(0, 120)))
    schema.add(count_node("capacity", _("Places"), missing=None,
                          description=_("Empty: no seats to reserve. A number: people registered reserve "
                                        "a seat from their registration's page, never more than this.")))
    schema.add(colander.SchemaNode(colander.Boolean(), name="mandatory", missing=False,
                                   title=_("Mandatory for a certificate of attendance")))
    schema.add(datetime_node("starts", _("Starts (in the conference's time zone)"), zone=zone))
    schema.add(datetime_node("ends", _("Ends"), zone=zone))
    return schema


def check_times(value, error):
    if value["ends"] <= value["starts"]:
        error["ends"] = _("A session ends after it starts.")


def check_speaker_rows(dbsession, value, error):
    """value["speaker_rows"]: [(name, member id or None)] read from value["speakers"]; an organisation not
    in the members list is an error at the field."""
    members = {m.name.lower(): m.id for m in dbsession.scalars(select(Member))}
    value["speaker_rows"] = []
    for line in value.get("speakers", "").splitlines():
        if not line.strip():
            continue
        name, _sep, organisation = (p.strip() for p in line.partition("|"))
        if organisation and organisation.lower() not in members:
            error["speakers"] = _("No member organisation is named “${name}”.", mapping={"name": organisation})
        value["speaker_rows"].append((name, members.get(organisation.lower())))


def new_session(dbsession, event_id, values, speaker_rows):
    session = ProgrammeSession(event_id=event_id, **{k: values[k] for k in (
        "title", "description", "kind", "track", "room", "capacity", "mandatory", "starts", "ends")})
    session.speakers = [Speaker(position=n, name=name, member_id=member_id)
                        for n, (name, member_id) in enumerate(speaker_rows)]
    dbsession.add(session)
    dbsession.flush()
    return session
