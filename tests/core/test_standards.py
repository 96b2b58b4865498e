"""What the portal writes for other programs follows their standards: every Atom feed (RFC 4287, the
rules of the W3C feed validator) and every mail the outbox writes (RFC 5322, 2047, 8058)."""
import email
import email.policy
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from urllib.parse import urlsplit

import pytest

from portal.mail import deliver_pending
from portal.models import News, utcnow

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def feed_problems(body, requested):
    """What RFC 4287 (section 4.1) requires of a feed and its entries, as the validator checks it."""
    problems = []
    root = ET.fromstring(body)
    if root.tag != f"{ATOM}feed":
        return [f"the root is {root.tag}"]

    def one(element, name, where):
        found = element.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{name}, not exactly one")
            return None
        return found[0]

    def iri(value, where):
        if not value or not urlsplit(value).scheme:
            problems.append(f"{where}: {value!r} is not an absolute IRI")

    def date(element, where):
        if element is not None and not RFC3339.match(element.text or ""):
            problems.append(f"{where}: updated {element.text!r} is not an RFC 3339 date-time")

    feed_id = one(root, "id", "feed")
    if feed_id is not None:
        iri(feed_id.text, "feed id")
    one(root, "title", "feed")
    date(one(root, "updated", "feed"), "feed")
    selfs = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selfs) != 1:
        problems.append(f"feed: {len(selfs)} link rel=self")
    elif selfs[0].get("href") != requested:
        problems.append(f"feed: self link {selfs[0].get('href')} is not the feed's address {requested}")
    feed_authors = [a for a in root.findall(f"{ATOM}author") if (a.findtext(f"{ATOM}name") or "").strip()]
    entries = root.findall(f"{ATOM}entry")
    for i, entry in enumerate(entries):
        where = f"entry {i + 1}"
        found = one(entry, "id", where)
        if found is not None:
            iri(found.text, f"{where} id")
        one(entry, "title", where)
        date(one(entry, "updated", where), where)
        if not feed_authors and not entry.findall(f"{ATOM}author"):
            problems.append(f"{where}: no atom:author, and the feed has none")
        if not any(link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")) \
                and entry.find(f"{ATOM}content") is None:
            problems.append(f"{where}: neither content nor link rel=alternate")
    if not feed_authors and not entries:
        problems.append("feed: no atom:author")
    return problems, (feed_id.text if feed_id is not None else None), len(entries)


@pytest.fixture
def content(db):
    from plugins.events.models import Event
    from plugins.experiences.models import Experience
    now = utcnow()
    with db() as s:
        s.add(News(title="Plenary & <meeting>", description="Summary", language="en", state="published",
                   published=now))
        s.add(Experience(title="Budget assemblies", description="x", body="<p>x</p>", language="en", city="Dakar",
                         country="SN", state="published", published=now, mechanism="participatory-budget",
                         scale="city"))
        for kind, country in (("workshop", "SN"), ("webinar", "FR")):
            s.add(Event(title=f"A {kind}", description="x", body="<p>x</p>", language="en", kind=kind, timezone="UTC",
                        city="Dakar", country=country, starts=now + timedelta(days=3),
                        ends=now + timedelta(days=3, hours=2), state="published", published=now))


def feed_addresses(registry):
    """Every route whose address is an Atom feed, from the route introspector: a plugin's new feed is
    checked without a test of its own."""
    return sorted("/" + intr["introspectable"]["pattern"].lstrip("/") for intr in registry.introspector.get_category("routes")
                  if intr["introspectable"]["pattern"].endswith(".atom"))


def test_every_feed_is_valid_atom(testapp, registry, content):
    addresses = feed_addresses(registry)
    assert {"/news/feed.atom", "/experiences/feed.atom", "/events/feed.atom"} <= set(addresses)
    report, with_entries = {}, 0
    for address in addresses:
        query = "?lang=en" if "newsletter" in address else ""
        res = testapp.get(address + query)
        assert res.content_type == "application/atom+xml"
        problems, _id, entries = feed_problems(res.body, "http://portal.test" + address + query)
        with_entries += entries > 0
        if problems:
            report[address] = problems
    assert report == {}
    assert with_entries >= 3


def test_a_filtered_event_feed_is_a_feed_of_its_own(testapp, content):
    ids = {}
    for query in ("", "?kind=workshop", "?region=africa&kind=workshop", "?kind=workshop&region=africa"):
        res = testapp.get("/events/feed.atom" + query)
        problems, feed_id, entries = feed_problems(res.body, "http://portal.test/events/feed.atom"
                                                   + ("?kind=workshop&region=africa" if "region" in query else query))
        assert problems == []
        ids[query] = (feed_id, entries)
    assert ids[""][1] == 2 and ids["?kind=workshop"][1] == 1
    assert len({ids[""][0], ids["?kind=workshop"][0], ids["?kind=workshop&region=africa"][0]}) == 3
    assert ids["?region=africa&kind=workshop"] == ids["?kind=workshop&region=africa"]  # one feed, one id


ENCODED_WORD = re.compile(r"=\?([^?]+)\?([bBqQ])\?([^?]*)\?=")


def mail_problems(raw):
    """RFC 5322 (fields, dates, line lengths), RFC 2047 (encoded-words) and RFC 8058 (one-click
    unsubscription) for one message as the outbox wrote it."""
    problems = []
    head = raw.split(b"\n\n", 1)[0].decode("ascii")  # a header is ASCII, non-ASCII text is encoded
    lines = head.splitlines()
    for line in lines:
        if len(line) > 998:
            problems.append(f"a header line of {len(line)} characters")
        if "=?" in line and len(line) > 76:
            problems.append(f"a line with an encoded-word is {len(line)} characters: {line[:40]}…")
        for word in ENCODED_WORD.finditer(line):
            if len(word.group(0)) > 75:
                problems.append(f"an encoded-word of {len(word.group(0))} characters")
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    for name in ("From", "Date", "Message-ID", "To", "Subject", "MIME-Version"):
        if len(msg.get_all(name, [])) != 1:
            problems.append(f"{len(msg.get_all(name, []))} {name} fields")
    date = msg["Date"]
    try:
        when = parsedate_to_datetime(date)
        if when.tzinfo is None or not date.endswith("+0000"):
            problems.append(f"Date {date!r} is not in UTC as +0000")
    except (TypeError, ValueError):
        problems.append(f"Date {date!r} does not parse")
    if not re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", msg["Message-ID"] or ""):
        problems.append(f"Message-ID {msg['Message-ID']!r}")
    for name in ("From", "To"):
        decoded = str(make_header(decode_header(msg[name] or "")))
        found = getaddresses([decoded])
        if len(found) != 1 or "@" not in found[0][1]:
            problems.append(f"{name} {msg[name]!r} is not one address")
    if "List-Unsubscribe" in msg:
        links = re.findall(r"<([^>]+)>", msg["List-Unsubscribe"])
        if not links or not all(urlsplit(link).scheme in ("https", "http", "mailto") for link in links):
            problems.append(f"List-Unsubscribe {msg['List-Unsubscribe']!r}")
        if msg["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click":
            problems.append(f"List-Unsubscribe-Post {msg['List-Unsubscribe-Post']!r}")
        if not any(urlsplit(link).scheme in ("https", "http") for link in links):
            problems.append("one-click unsubscription without an HTTP(S) URI")
    return problems


def delivered(registry):
    import mailbox
    deliver_pending(registry["dbsession_factory"], registry.settings)
    box = mailbox.Maildir(registry.settings["mail.maildir"], create=True)
    return [box.get_bytes(key) for key in box.keys()]


LONG_SUBJECT = ("Convocatória: assembleia plenária da rede em São Paulo — inscrições, programação e "
                "informações práticas para as delegações das cidades-membro")


def test_every_mail_the_outbox_writes_follows_the_rfcs(testapp, registry, db, make_user):
    from plugins.newsletter.campaign import refill, start_campaign
    from plugins.newsletter.models import Issue, IssueVersion, Subscriber
    make_user("ana@example.org")
    testapp.get("/password/forgot")
    form = testapp.get("/password/forgot").forms["deform"]
    form["email"] = "ana@example.org"
    form.submit("send")
    from pyramid.scripting import prepare
    env = prepare(registry=registry)
    with env["request"].tm:
        env["request"].send_mail("Conceição Évora-Gonçalves da Silva Albuquerque <conceicao@example.org>",
                                 LONG_SUBJECT, "Olá!\n" + "Uma linha muito comprida. " * 10)
    env["closer"]()
    with db() as s:
        s.add(Subscriber(email="reader@example.org", status="subscribed", confirmed=utcnow(), language="pt"))
        issue = Issue(title="Issue", default_language="pt", status="draft")
        issue.versions.append(IssueVersion(language="pt", subject=LONG_SUBJECT, editorial="<p>Olá</p>"))
        s.add(issue)
        s.flush()
        start_campaign(s, issue)
    refill(registry, registry["dbsession_factory"], registry.settings, utcnow(), 50)
    messages = delivered(registry)
    assert len(messages) == 3
    report = {}
    subjects = []
    for raw in messages:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        subjects.append(str(msg["Subject"]))
        problems = mail_problems(raw)
        if problems:
            report[str(msg["Subject"])] = problems
    assert report == {}
    assert subjects.count(LONG_SUBJECT) == 2  # the encoded-words decode back to the subject
    assert any("List-Unsubscribe" in email.message_from_bytes(raw) for raw in messages)
