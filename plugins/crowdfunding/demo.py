"""Two campaigns relative to the day the demo is loaded: the French and Portuguese translation of the
participatory budgeting guide, open, with pledges (one limited reward nearly gone); the first workshop of
the West African antenna, ended and funded, its pledges paid."""
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from portal.api import Member, Request, TranslatedText, User, WorkflowLog, clock, record_revision, set_translated

from .models import Campaign, Pledge
from .pledges import new_key, new_reference
from .schemas import CampaignSchema

GUIDE_STORY = ("<p>The network's guide to participatory budgeting gathers twenty years of practice of its member "
               "cities. It exists in English and Spanish only: local governments of West Africa, Quebec, Portugal "
               "and Brazil have asked for it in their language.</p><p>Your pledge pays the translators, the "
               "review by practitioners of each region and the layout; beyond the minimum, printed copies for the "
               "antennas' workshops.</p>")
DAKAR_STORY = ("<p>The West African antenna opens with a two-day workshop in Dakar for elected officials and "
               "technicians of Senegal, Mali and Burkina Faso.</p>")

CAMPAIGNS: list[dict[str, Any]] = [
    {"key": "guide", "days": (-20, 40), "currency": "EUR", "timezone": "Europe/Lisbon", "rule": "all_or_nothing",
     "title": {"en": "Translate the participatory budgeting guide into French and Portuguese",
               "es": "Traducir la guía de presupuesto participativo al francés y al portugués",
               "fr": "Traduire le guide du budget participatif en français et en portugais",
               "pt": "Traduzir o guia do orçamento participativo para francês e português"},
     "summary": "Twenty years of practice of the member cities, readable in two more languages.",
     "action": "Work plan 2027, line 3.2: translations of the network's publications", "story": GUIDE_STORY,
     "min_pledge": 500,
     "budget": [("Translation into French (42 000 words)", 320000, True),
                ("Translation into Portuguese (42 000 words)", 300000, True),
                ("Review by practitioners of each region", 80000, True),
                ("Printing 300 copies for the antennas' workshops", 150000, False)],
     "rewards": [(1000, "Your name among the supporters printed in the guide", None),
                 (5000, "A printed copy of the guide, sent by post", 30),
                 (25000, "A seat at the guide's launch workshop in Lisbon", 3)],
     "pledges": [("Câmara Municipal de Lisboa", 150000, None, "paid", False), ("Ana Souza", 5000, 1, "paid", False),
                 ("", 2500, None, "pledged", True), ("Jean Tremblay", 25000, 2, "pledged", False),
                 ("Fatou Ndiaye", 1000, 0, "paid", False), ("Luiza Fernandes", 25000, 2, "paid", False),
                 ("Miguel Ferreira", 5000, 1, "pledged", False)]},
    {"key": "dakar", "led_by": "Dakar", "days": (-75, -30), "currency": "XOF", "timezone": "Africa/Dakar", "rule": "keep_all",
     "title": {"en": "The West African antenna's first workshop in Dakar",
               "es": "El primer taller de la antena de África Occidental en Dakar",
               "fr": "Le premier atelier de l'antenne d'Afrique de l'Ouest à Dakar",
               "pt": "A primeira oficina da antena da África Ocidental em Dacar"},
     "summary": "Two days for elected officials and technicians of Senegal, Mali and Burkina Faso.",
     "action": "Work plan 2026, line 1.4: opening of the West African antenna", "story": DAKAR_STORY,
     "min_pledge": 1000,
     "budget": [("Room and interpretation", 1500000, True), ("Travel of the speakers", 2200000, True),
                ("Publication of the conclusions", 600000, False)],
     "rewards": [(10000, "The conclusions of the workshop, signed by the speakers", None)],
     "pledges": [("Ville de Dakar", 2000000, None, "paid", False), ("Commune de Ziguinchor", 1000000, 0, "paid", False),
                 ("Aminata Diop", 50000, 0, "paid", False), ("", 25000, None, "paid", True),
                 ("Ville de Bamako", 900000, None, "paid", False)]},
]


def create_demo_campaigns(request: Request) -> None:
    db = request.dbsession
    author = db.scalar(select(User).where(User.role == "secretariat").order_by(User.id))
    now = clock.now()
    schema = CampaignSchema()
    made = {}
    for spec in CAMPAIGNS:
        start_days, end_days = spec["days"]
        campaign = Campaign(description=spec["summary"], body=spec["story"], language="en", action=spec["action"],
                            currency=spec["currency"], timezone=spec["timezone"], rule=spec["rule"],
                            min_pledge=spec["min_pledge"], starts=now + timedelta(days=start_days),
                            ends=(now + timedelta(days=end_days)).replace(minute=0, second=0, microsecond=0),
                            budget=[{"what": w, "amount": a, "required": r} for w, a, r in spec["budget"]],
                            payment_details="Network of local governments · IBAN PT50 0000 0000 0000 0000 0000 0 · "
                                            "BIC DEMOPTPL",
                            creator_id=author.id if author else None,
                            member_id=db.scalar(select(Member.id).where(Member.name == spec.get("led_by", ""))))
        set_translated(campaign, "title", TranslatedText(spec["title"], "en"))
        campaign.reward_rows = [{"amount": "0", "minor": a, "description": d, "quantity": q or ""}
                                for a, d, q in spec["rewards"]]
        db.add(campaign)
        db.flush()
        record_revision(request, schema, campaign, "Created")
        published = campaign.starts
        campaign.state, campaign.published = "published", published
        db.add(WorkflowLog(content_id=campaign.id, transition="publish", from_state="draft", to_state="published",
                           actor_id=author.id if author else None, at=published))
        for n, (name, amount, reward, state, anonymous) in enumerate(spec["pledges"]):
            when = campaign.starts + timedelta(days=n + 1, hours=3 * n)
            chosen = campaign.rewards[reward] if reward is not None else None
            if chosen is not None:
                chosen.taken += 1
            db.add(Pledge(campaign_id=campaign.id, reward_id=chosen.id if chosen else None, idempotency_key=new_key(),
                          reference=new_reference(campaign.id), amount=amount, name=name, anonymous=anonymous,
                          email=f"supporter{n + 1}.{spec['key']}@example.org", language="en",
                          method="transfer" if n % 3 else "offline", state=state, created=when,
                          paid=when + timedelta(days=2) if state == "paid" else None,
                          message="Good luck from our city!" if n == 0 else ""))
        db.flush()
        if campaign.ends < now:  # a past campaign closed at its end, as the periodic task would have
            close_at_the_end(db, campaign)
        if spec["key"] == "guide":
            demo_commitments(request, campaign)
        made[spec["key"]] = campaign
    from .spending_demo import add_demo_expenses
    add_demo_expenses(request, made["dakar"])


def close_at_the_end(db, campaign: Campaign) -> None:
    from .closing import OUTCOME_OF, WARN_DAYS, counted_states, next_action
    [state] = counted_states(db, [campaign])
    action = next_action(state, campaign.ends, WARN_DAYS)
    if action in OUTCOME_OF:
        campaign.closed, campaign.outcome = campaign.ends, OUTCOME_OF[action]


def demo_commitments(request: Request, campaign: Campaign) -> None:
    """Two member organisations committed to the guide: one invoiced already, one whose letter is to sign."""
    from .commitments import commit, issue_invoice
    db = request.dbsession
    representatives = db.scalars(select(User).where(User.role == "member", User.member_id.is_not(None))
                                 .order_by(User.id).limit(2)).all()
    for n, (user, amount) in enumerate(zip(representatives, (200000, 150000))):
        pledge = Pledge(campaign_id=campaign.id, idempotency_key=new_key(), reference=new_reference(campaign.id),
                        amount=amount, name=user.member.name, email=user.email, language=user.language,
                        method="transfer", user_id=user.id, state="pledged",
                        created=campaign.starts + timedelta(days=3 + n))
        db.add(pledge)
        db.flush()
        commitment = commit(db, pledge, user.member, user.name, "Head of international relations")
        if n == 0:
            issue_invoice(db, pledge, commitment)
