"""The partners of the work plan (seeds/004): UCLG, which hosts the technical secretariat, its observatory
GOLD, the Forum of Local Authorities of the Periphery, the Democracine film festival, the General
Secretariat of the Presidency of Brazil, GIZ (the study with UCLG) and a university of the internship
agreements; the hosting agreement with UCLG renewed (the earlier one kept), a study agreement, an
internship agreement with its intern; dates relative to the day the demo is loaded. Each partner has a
logo, the hosting agreement (public) and the study (private) their signed PDF (demo_files)."""
from datetime import date, datetime, timedelta

from sqlalchemy import select

from portal.api import Request, TranslatedText, User, WorkflowLog, clock, record_revision, set_translated

from .demo_files import add_logo, signed_document
from .models import Agreement, Internship, JointActivity, Obligation, Partner
from .schemas import PartnerSchema

PARTNERS = [
    ("uclg", "network", "ES", "https://www.uclg.org",
     {"en": "United Cities and Local Governments (UCLG)", "es": "Ciudades y Gobiernos Locales Unidos (CGLU)",
      "fr": "Cités et Gouvernements Locaux Unis (CGLU)", "pt": "Cidades e Governos Locais Unidos (CGLU)"},
     {"en": "The world organisation of local governments; it hosts the network's technical secretariat.",
      "es": "La organización mundial de los gobiernos locales; acoge la secretaría técnica de la red.",
      "fr": "L'organisation mondiale des gouvernements locaux ; elle accueille le secrétariat technique du réseau.",
      "pt": "A organização mundial dos governos locais; acolhe o secretariado técnico da rede."},
     "Hosts the technical secretariat; the network takes part in its congress and activities."),
    ("gold", "network", "ES", "https://www.gold.uclg.org",
     {"en": "GOLD, UCLG's Global Observatory on Local Democracy", "es": "GOLD, Observatorio Global de la "
      "Democracia Local de CGLU", "fr": "GOLD, Observatoire mondial de la démocratie locale de CGLU",
      "pt": "GOLD, Observatório Global da Democracia Local da CGLU"},
     {"en": "The third GOLD report and its website present the network's work.",
      "es": "El tercer informe GOLD y su web presentan el trabajo de la red.", "fr": "", "pt": ""},
     "Presence on the GOLD III website."),
    ("fal", "network", "FR", "https://www.fal-periferias.org",
     {"en": "Forum of Local Authorities of the Periphery", "es": "Foro de Autoridades Locales de la Periferia",
      "fr": "Forum des autorités locales de périphérie", "pt": "Fórum de Autoridades Locais de Periferia"},
     {"en": "Local authorities of metropolitan peripheries for inclusive cities.", "es": "", "fr": "", "pt": ""},
     "The network spreads the word about the third Forum."),
    ("democracine", "festival", "ES", "https://www.democracine.org",
     {"en": "Democracine film festival", "es": "Festival de cine Democracine", "fr": "Festival de cinéma "
      "Democracine", "pt": "Festival de cinema Democracine"},
     {"en": "A film festival on democracy and citizen participation.", "es": "", "fr": "", "pt": ""},
     "The network co-organises the second festival."),
    ("brazil", "government", "BR", "https://www.gov.br/secretariageral",
     {"en": "General Secretariat of the Presidency of the Republic of Brazil", "es": "Secretaría General de la "
      "Presidencia de la República de Brasil", "fr": "", "pt": "Secretaria-Geral da Presidência da República"},
     {"en": "Exchange of innovative knowledge on social participation.", "es": "", "fr": "", "pt": ""},
     "Promotion of the exchange of innovative knowledge."),
    ("giz", "agency", "DE", "https://www.giz.de",
     {"en": "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)", "es": "", "fr": "", "pt": ""},
     {"en": "Commissioned the study on community and participatory monitoring structures.", "es": "", "fr": "",
      "pt": ""},
     "A study with UCLG on participatory monitoring structures."),
    ("ub", "university", "ES", "https://www.ub.edu",
     {"en": "University of Barcelona", "es": "Universidad de Barcelona", "fr": "Université de Barcelone",
      "pt": "Universidade de Barcelona"},
     {"en": "Internships at the technical secretariat for its students of political science.", "es": "",
      "fr": "", "pt": ""},
     "Internship agreement signed by the City of Barcelona."),
]


def create_demo_partners(request: Request) -> None:
    db = request.dbsession
    author = db.scalar(select(User).where(User.role == "secretariat").order_by(User.id))
    today = clock.now().date()
    schema = PartnerSchema()
    made = {}
    for key, kind, country, website, names, summaries, relation in PARTNERS:
        partner = Partner(language="en", kind=kind, country=country, website=website, relation=relation,
                          body=f"<p>{summaries['en']}</p>", creator_id=author.id if author else None)
        set_translated(partner, "title", TranslatedText({k: v for k, v in names.items() if v}, "en"))
        set_translated(partner, "description", TranslatedText({k: v for k, v in summaries.items() if v}, "en"))
        db.add(partner)
        db.flush()
        record_revision(request, schema, partner, "Created")
        partner.state, partner.published = "published", clock.now() - timedelta(days=90)
        db.add(WorkflowLog(content_id=partner.id, transition="publish", from_state="draft", to_state="published",
                           actor_id=author.id if author else None, at=partner.published))
        add_logo(request, partner, key, author)
        made[key] = partner
    uclg = made["uclg"]
    hosting = dict(kind="hosting", partner_id=uclg.id, parties="UCLG; the network's technical secretariat",
                   signatories="Secretary General of UCLG; President of the network",
                   renewal_terms="Renewed by both parties for two years, three months before its end.")
    first = Agreement(title=f"Hosting of the technical secretariat by UCLG, {today.year - 3}-{today.year - 1}",
                      status="renewed",
                      starts=date(today.year - 3, 1, 1), ends=date(today.year - 1, 12, 31), public=True, **hosting)
    db.add(first)
    db.flush()
    current = Agreement(title=f"Hosting of the technical secretariat by UCLG, {today.year}-{today.year + 1}",
                        status="in_force", starts=date(today.year, 1, 1), ends=today + timedelta(days=25),
                        public=True, renews_id=first.id, **hosting)
    study = Agreement(title="Study on participatory monitoring structures for GIZ", kind="study",
                      partner_id=made["giz"].id, parties="GIZ; UCLG; the network", status="signed",
                      starts=today - timedelta(days=60), ends=today + timedelta(days=200), public=False)
    internships = Agreement(title="Internship agreement with the University of Barcelona", kind="internship",
                            partner_id=made["ub"].id, parties="City of Barcelona; University of Barcelona",
                            status="in_force", starts=today - timedelta(days=100), ends=today + timedelta(days=265))
    signed_document(request, current, author)  # public: anyone may read it
    signed_document(request, study, author)  # private to the secretariat
    db.add_all([current, study, internships])
    db.flush()
    db.add(Obligation(agreement_id=current.id, what="Annual activity report to UCLG", due=today + timedelta(days=14),
                      owner="Technical secretariat"))
    db.add(Obligation(agreement_id=study.id, what="Deliver the draft of the study", due=today + timedelta(days=90),
                      owner="Technical secretariat and UCLG"))
    db.add(Internship(agreement_id=internships.id, intern="Laia Puig", starts=today - timedelta(days=60),
                      ends=today + timedelta(days=30), supervisor="Technical secretariat",
                      subject="Local observatories of participatory democracy, 2004-2007",
                      report="<p>What the local observatories of participatory democracy learnt.</p>"))
    for key, role, title, days in (("uclg", "attended", "4th UCLG Congress, Summit of local and regional leaders, "
                                    "Rabat", -120), ("democracine", "co_organised", "Second Democracine festival",
                                                     -40), ("giz", "study", "Study on participatory monitoring", -60),
                                   ("fal", "co_organised", "III Forum of Local Authorities of the Periphery", -200)):
        db.add(JointActivity(partner_id=made[key].id, role=role, title=title, day=today + timedelta(days=days)))
    for key, name, title in (("uclg", "event", "Annual Conference of the network in Barcelona"),
                             ("uclg", "campaign",
                              "Translate the participatory budgeting guide into French and Portuguese")):
        item = demo_item(request, name, title)
        if item is not None:  # its plugin enabled: UCLG is on the item's page as co-organiser
            when = getattr(item, "starts", None)
            db.add(JointActivity(partner_id=made[key].id, role="co_organised", resource=name, item_id=item.id,
                                 title=title, day=when.date() if isinstance(when, datetime) else today))


def demo_item(request, name, title):
    """The item another plugin's demo made, by the name it is offered under (none when it is not enabled)."""
    model = request.registry.portal.resources.get(name)
    return request.dbsession.scalar(select(model).where(model.title == title)) if model is not None else None
