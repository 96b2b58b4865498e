"""Demo content for `make serve`: a secretariat, members across the regions, pages and news."""
from datetime import date, timedelta

from sqlalchemy import func, select

from .countries import region_of
from .models import Group, LocalRole, Member, News, Page, Section, Setting, User, WorkflowLog, utcnow
from .passwords import hash_password

ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "network-demo-2026"
DEMO_PASSWORD = "member-demo-2026"

MEMBERS = [
    ("Porto Alegre", "city", "BR", 1999), ("Barcelona", "city", "ES", 2001), ("Montevideo", "city", "UY", 2002),
    ("Dakar", "city", "SN", 2008), ("Grenoble", "city", "FR", 2010), ("Maputo", "city", "MZ", 2012),
    ("Seoul Metropolitan Government", "local-government", "KR", 2015), ("Montreal", "city", "CA", 2011),
    ("Canoas", "city", "BR", 2013), ("Reykjavík", "city", "IS", 2016),
    ("Universidad de Buenos Aires", "university", "AR", 2014), ("Réseau des villes du Sahel", "network", "BF", 2019),
]

NEWS = [
    ("en", "Call for the Good Practice Award in Citizen Participation is open",
     "Member cities can submit their experiences for a month, until the call closes.",
     "<p>The technical secretariat opens the <strong>call for entries</strong> for this year's award. "
     "Participatory budgeting, citizen assemblies and local observatories are all welcome.</p>"),
    ("es", "Abierta la convocatoria de la Distinción de Buenas Prácticas en Participación Ciudadana",
     "Las ciudades miembro pueden presentar sus experiencias durante un mes, hasta el cierre de la convocatoria.",
     "<p>La Secretaría Técnica abre la <strong>convocatoria</strong> de este año. Presupuestos participativos, "
     "asambleas ciudadanas y observatorios locales son bienvenidos.</p>"),
    ("fr", "Atelier international sur les budgets participatifs à Dakar",
     "Des collectivités locales de trois continents partagent leurs expériences.",
     "<p>L'atelier international réunit des élus et des techniciens autour de la <em>participation "
     "citoyenne</em> et des budgets participatifs.</p>"),
    ("pt", "Reunião plenária aprova o plano de trabalho da rede",
     "Os membros aprovaram as temáticas prioritárias para os próximos dois anos.",
     "<p>A reunião plenária aprovou o plano de trabalho e as temáticas prioritárias: orçamento "
     "participativo, juventude e igualdade de género.</p>"),
    ("en", "New regional antenna for North America",
     "Montreal hosts the network's new regional office.",
     "<p>The regional antenna will support member cities in Canada and the United States.</p>"),
]

SECTIONS = [
    ("en", "About the network", "Who we are and how the network works.",
     "<h2>Who we are</h2><p>The network gathers cities, local governments, organisations and research centres "
     "that work on participatory democracy. Its members share their experiences, compete in the annual Good "
     "Practice Award, work together in working groups and meet in international workshops and conferences.</p>"
     "<h2>How the network works</h2><p>The plenary meeting of the member organisations decides the work plan and "
     "the budget; regional antennas bring the network close to the cities of each region.</p>"
     "<h2>The technical secretariat</h2><p>The technical secretariat runs the network day to day: it welcomes new "
     "members, organises the award and the events and publishes the newsletter.</p>"
     "<h2>Statutes</h2><p>The statutes, approved by the plenary meeting, set out the network's aims, who can "
     "join and how decisions are taken. Ask the secretariat for the current text.</p>"
     "<h2>Contact</h2><p>Write to the technical secretariat: <a href=\"mailto:secretariat@example.org\">"
     "secretariat@example.org</a>.</p>",
     [("What we do", "Exchange of experiences, the award, working groups and international workshops.",
       "<p>We document good practices, hold an annual award and support <strong>working groups</strong>.</p>"),
      ("Technical secretariat", "The team that coordinates the network.",
       "<p>The technical secretariat coordinates the network's activities and its newsletter.</p>")]),
    ("es", "Sobre la red", "Quiénes somos y cómo funciona la red.",
     "<h2>Quiénes somos</h2><p>La red reúne ciudades, gobiernos locales, organizaciones y centros de "
     "investigación que trabajan en democracia participativa.</p>"
     "<h2>La Secretaría Técnica</h2><p>La Secretaría Técnica coordina las actividades de la red y publica su "
     "boletín.</p><h2>Contacto</h2><p>Escriba a la Secretaría Técnica: "
     "<a href=\"mailto:secretariat@example.org\">secretariat@example.org</a>.</p>",
     [("Cómo participar", "Los gobiernos locales pueden solicitar su adhesión.",
       "<p>Complete el formulario de adhesión; la Secretaría Técnica revisará su solicitud.</p>")]),
]


def demo_in_order(portal):
    """The core's demo data first, then each plugin's after the plugins it requires (add_plugin)."""
    return sorted(portal.demo_data.values(), key=lambda d: (portal.plugin_depth(d.plugin), d.order, d.name))


def load_demo(request):
    """Run every plugin's demo data in order, once, on an empty database."""
    db = request.dbsession
    if db.scalar(select(func.count()).select_from(User)):
        return None
    for item in demo_in_order(request.registry.portal):
        item.create(request)
    return {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}


def _publish(db, obj, actor, when):
    obj.state, obj.published = "published", when
    db.flush()
    db.add(WorkflowLog(content_id=obj.id, transition="publish", from_state="draft", to_state="published",
                       actor_id=actor.id, at=when))


def _demo_logo():
    """A small logo drawn here (a sun over three hills), so the demo ships no image file."""
    import io
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (240, 240), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.ellipse((70, 30, 170, 130), fill="#e8a33d")
    for x, colour in ((-40, "#0b5d8a"), (60, "#1e6b3a"), (150, "#084466")):
        draw.polygon([(x, 220), (x + 75, 110), (x + 150, 220)], fill=colour)
    draw.rectangle((0, 215, 240, 240), fill="#084466")
    data = io.BytesIO()
    image.save(data, "PNG")
    return data.getvalue()


def _porto_alegre_profile(request, member, contact):
    """The demo's fullest profile: a logo, a description, a contact; the plugins fill its history."""
    from .files import IMAGE_TYPES, store_bytes
    member.description = ("Capital of Rio Grande do Sul, Porto Alegre opened its budget to its residents in 1989: "
                          "every year, assemblies in the seventeen regions of the city set the priorities of the "
                          "investments.\n\nA founding member of the network, the city hosts its Latin America "
                          "antenna and takes part in its working groups.")
    logo = store_bytes(request, _demo_logo(), "porto-alegre-logo.png", allowed=IMAGE_TYPES,
                        owner=contact, title="Logo of Porto Alegre")
    request.dbsession.flush()
    member.logo_id = logo.id


def create_demo_content(request):
    from .content import service as content_service
    db = request.dbsession
    settings = request.registry.settings
    admin = User(email=ADMIN_EMAIL, name="Secretariat (demo)", role="secretariat", language="en",
                 password_hash=hash_password(ADMIN_PASSWORD, settings))
    editor = User(email="editor@example.org", name="Ana Editor", role="editor", language="es",
                  password_hash=hash_password(DEMO_PASSWORD, settings))
    db.add_all([admin, editor])
    members = []
    for name, kind, country, since in MEMBERS:
        m = Member(name=name, kind=kind, country=country, region=region_of(country), status="active",
                   member_since=date(since, 1, 1), website=f"https://{name.split()[0].lower()}.example.org",
                   description="")
        members.append(m)
    db.add_all(members)
    db.flush()
    reps = [
        User(email="porto-alegre@example.org", name="Luiza Martins", role="member", language="pt",
             member_id=members[0].id, public_profile=True, bio="Coordinator of participatory budgeting.",
             password_hash=hash_password(DEMO_PASSWORD, settings)),
        User(email="dakar@example.org", name="Awa Diop", role="member", language="fr", member_id=members[3].id,
             public_profile=True, bio="Direction de la participation citoyenne.",
             password_hash=hash_password(DEMO_PASSWORD, settings)),
    ]
    db.add_all(reps)
    _porto_alegre_profile(request, members[0], reps[0])
    group = Group(name="editorial-board", title="Editorial board", users=[editor, reps[0]])
    db.add(group)
    db.flush()
    now = utcnow()
    about = None
    for i, (lang, title, desc, body, pages) in enumerate(SECTIONS):
        # the Spanish section is the translation of the English one
        group_of = {"translation_group": about.translation_group} if about is not None else {}
        section = content_service.create(request, Section, {"title": title, "description": desc, "body": body,
                                                            "language": lang}, author=admin, comment="Created",
                                         **group_of)
        if about is None:  # the main menu's "About the network" (Settings: About the network)
            about = section
            db.add(Setting(key="about", value={"section": str(section.id)}))
        _publish(db, section, admin, now - timedelta(days=60 - i))
        db.add(LocalRole(content_id=section.id, principal=f"group:{group.name}", role="contributor"))
        for j, (ptitle, pdesc, pbody) in enumerate(pages):
            page = content_service.create(request, Page, {"title": ptitle, "description": pdesc, "body": pbody,
                                                          "language": lang}, section, author=admin, comment="Created")
            _publish(db, page, admin, now - timedelta(days=50 - j))
    items = []
    for i, (lang, title, desc, body) in enumerate(NEWS):
        # the Spanish announcement is the translation of the English one
        group_of = {"translation_group": items[0].translation_group} if i == 1 else {}
        item = content_service.create(request, News, {"title": title, "description": desc, "body": body,
                                                      "language": lang}, author=admin, comment="Created", **group_of)
        items.append(item)
        _publish(db, item, admin, now - timedelta(days=i * 7))
    draft = content_service.create(request, News, {"title": "Draft: report of the advisory group",
                                                   "description": "Not yet public.", "body": "<p>Work in progress.</p>",
                                                   "language": "en"}, author=editor, comment="Created")
    _demo_notifications(request, admin, editor, items, draft)


def _demo_notifications(request, admin, editor, items, draft):
    """The bell has something to show: the secretariat follows the first news item and has heard of it;
    the editor's draft waits in the secretariat's notifications, one of them already read."""
    from .i18n import _
    from .models import Follow
    from .notifications import notify
    db = request.dbsession
    db.add(Follow(user_id=admin.id, target_type="content", target_id=items[0].id))
    for user in (admin, editor):
        user.mail_frequency = "never"  # the demo mails nobody
    link = request.route_url("news.view", id=items[0].id)
    notify(request, [admin], "follow.activity", _("“${title}” was changed by ${person}.", mapping={
        "title": items[0].title, "person": editor.name}), link, skip=None)
    notify(request, [admin], "review.submitted", _("“${title}” was submitted for review by ${person}.", mapping={
        "title": draft.title, "person": editor.name}), request.route_url("news.view", id=draft.id), skip=None)
    read = notify(request, [editor], "content.published", _("“${title}” was published by ${person}.", mapping={
        "title": items[0].title, "person": admin.name}), link, note="Thank you, ready to go.", skip=None)
    read[0].read_at = read[0].created
