"""Steps the awards tests share (tests/support is on sys.path): two member cities with their
experiences, a call created through its form, entries started, filled, submitted and accepted as a
member and the secretariat do it. The fixtures are in tests/plugins/awards/conftest.py."""
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from portal.models import Member
from portal.testing import client, csrf, login, sequence_rows

UTC = timezone.utc
# The call's dates, typed in São Paulo time (UTC-3) in the form
OPENS, CLOSES = "2027-01-10T09:00", "2027-03-31T23:59"
EVAL_CLOSES, RESULTS = "2027-05-15T18:00", "2027-06-01T12:00"
CLOSES_UTC = datetime(2027, 4, 1, 2, 59, tzinfo=UTC)
RESULTS_UTC = datetime(2027, 6, 1, 15, 0, tzinfo=UTC)
EVALUATION = CLOSES_UTC + timedelta(days=2)


def add_member(db, name, country, region):
    with db() as s:
        m = Member(name=name, kind="city", country=country, region=region, status="active")
        s.add(m)
        s.flush()
        return m.id


def add_experience(db, title, member_id, city, country, body="<p>Residents decide.</p>", state="published", **kw):
    from plugins.experiences.models import Experience, Theme
    with db() as s:
        e = Experience(title=title, description=f"An experience of {city}.", body=body, language="en", city=city,
                       country=country, state=state, member_id=member_id, mechanism="participatory-budget",
                       scale="city", start_year=kw.pop("start_year", 2015), sdgs=[16],
                       published=datetime(2026, 1, 1, tzinfo=UTC) if state == "published" else None, **kw)
        s.add(e)
        e.themes = [s.query(Theme).filter_by(slug="participatory-budgeting").one()]
        s.flush()
        return e.id


def rows(form, kind):
    """The rows of a call form's categories, criteria or questions: [{field name: webtest field}], in order."""
    return sequence_rows(form, kind, "row")


def set_rows(form, kind, values):
    """Fill a call form's rows in order: each value a title, or a dict of the row's fields."""
    existing = rows(form, kind)
    assert len(existing) >= len(values), f"{len(existing)} rows of {kind} for {len(values)} values"
    for row, value in zip(existing, values):
        value = value if isinstance(value, dict) else {"name": value}
        for name, typed in value.items():
            field = row[name]
            if name == "remove":
                field.checked = bool(typed)
            else:
                field.value = str(typed)


def create_call(admin, **overrides):
    form = admin.get("/awards/add").forms["deform"]
    values = {"edition": "7th", "title": "Good Practice Award", "rules": "<p>Be bold.</p><script>x()</script>",
              "eligibility": "<p>Members only.</p>", "timezone": "America/Sao_Paulo", "opens": OPENS, "closes": CLOSES,
              "evaluation_closes": EVAL_CLOSES, "results_date": RESULTS, "reviews_per_entry": "2",
              "max_entries_per_member": "1"}
    lists = {"categories": ["Inclusion", "Digital participation"],
             "criteria": [{"name": "Innovation", "weight": "40"}, {"name": "Impact", "weight": "60"}],
             "questions": ["Why this experience?", {"name": "Population", "choices": "under 1 million; over 1 million"}]}
    for kind in lists:
        if kind in overrides:
            lists[kind] = overrides.pop(kind)
    values.update(overrides)
    for key, value in values.items():
        if key == "blind":
            form[key].checked = bool(value)
        else:
            form[key] = value
    for kind, value in lists.items():
        set_rows(form, kind, value)
    return form.submit("save", status="*")


def secretariat(app):
    admin = client(app, "192.0.2.50")
    login(admin, "sec@example.org")
    return admin


def start_entry(browser, call_id, experience_id):
    browser.get(f"/awards/{call_id}/enter")
    res = browser.post(f"/awards/{call_id}/enter", {"experience_id": str(experience_id), "csrf_token": csrf(browser)})
    assert res.status_int == 302
    return int(urlsplit(res.location).path.split("/")[3])


def fill_entry(form, why="Because residents decide.", population="over 1 million", category="inclusion"):
    form["category"] = category
    form["q_why-this-experience"] = why
    form["q_population"] = population


def porto_alegre_entry(app, open_call, network, **answers):
    """Porto Alegre's representative (logged in from 192.0.2.11) starts an entry of its experience to the open
    call and fills its form (fill_entry's answers): (their browser, the entry's id, the form, not sent)."""
    poa = client(app, "192.0.2.11")
    login(poa, "rep@poa.example")
    entry_id = start_entry(poa, open_call, network["exp_poa"])
    form = poa.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    fill_entry(form, **answers)
    return poa, entry_id, form


def close_and_accept(app, at, entry_id):
    """The call closes and the secretariat finds the entry eligible; the secretariat's browser."""
    at.set(CLOSES_UTC + timedelta(days=1))
    admin = secretariat(app)
    accept(admin, entry_id)
    return admin


def accept(admin, entry_id):
    """The secretariat finds the entry eligible."""
    form = admin.get(f"/awards/entries/{entry_id}").forms["deform"]
    form["eligible"] = "yes"
    form.submit("decide", status=302)


def assign_to_one_juror(app, at, db, make_user, call_id, entry_id):
    """After the call closes: the entry accepted, Jules (GB) the one juror of one review per entry,
    the entries assigned; (the id of Jules's review, the secretariat's browser)."""
    from plugins.awards.models import AwardCall, Review
    with db() as s:
        s.get(AwardCall, call_id).reviews_per_entry = 1
    admin = close_and_accept(app, at, entry_id)
    make_user("jules@example.org", name="Jules Juror")
    add_juror(admin, call_id, "jules@example.org", country="GB")
    admin.post(f"/awards/{call_id}/assign", {"csrf_token": csrf(admin)}, status=302)
    with db() as s:
        return s.query(Review).one().id, admin


def submitted_entry(app, call_id, experience_id, email="rep@poa.example", address="192.0.2.11", **fill):
    """A member representative enters the call with one of their experiences and submits it."""
    browser = client(app, address)
    login(browser, email)
    entry_id = start_entry(browser, call_id, experience_id)
    form = browser.get(f"/awards/entries/{entry_id}/edit").forms["deform"]
    fill_entry(form, **fill)
    form.submit("submit", status=302)
    return entry_id, browser


def add_juror(admin, call_id, email, name="", country=""):
    form = admin.get(f"/awards/{call_id}/jury").forms["deform"]
    form["email"] = email
    if name:
        form["name"] = name
    if country:
        form["country"] = country
    form.submit("add", status=302)


def juror_browser(app, email, address="192.0.2.40", password="a-good-password"):
    browser = client(app, address)
    login(browser, email, password=password)
    return browser


def open_call_row(now, **fields):
    """An AwardCall (not yet added) open at `now`: closing in 10 days, results in 60, blind, one
    category and one criterion unless fields say otherwise."""
    from plugins.awards.models import AwardCall
    values = dict(edition="7th", title="Good Practice Award", rules="<p>Be bold.</p>", eligibility="<p>Members.</p>",
                  categories=[{"key": "inclusion", "title": "Inclusion"}],
                  criteria=[{"key": "innovation", "title": "Innovation", "weight": 100}], questions=[],
                  timezone="America/Argentina/Buenos_Aires", opens=now - timedelta(days=10),
                  closes=now + timedelta(days=10), evaluation_closes=now + timedelta(days=40),
                  results_date=now + timedelta(days=60), reviews_per_entry=1, blind=True, max_entries_per_member=1)
    return AwardCall(**dict(values, **fields))


def add_open_call(db, monkeypatch, now, **fields):
    """The portal's clock stopped at `now` and a call open then (open_call_row) in the database: its id."""
    from portal.clock import clock
    monkeypatch.setattr(clock, "now", lambda: now)
    with db() as s:
        call = open_call_row(now, **fields)
        s.add(call)
        s.flush()
        return call.id
