"""The demo campaigns' matchfunding, updates and collective returns: a partner city doubles the guide's
pledges (capped), the guide has posted an update and promises its translations for everyone; the Dakar
workshop promised its conclusions."""
from datetime import timedelta

from sqlalchemy import select

from portal.api import Request, clock

from .matching import MatchPot
from .models import Campaign
from .pledges import new_key
from .returns import CollectiveReturn
from .updates import CampaignUpdate


def create_demo_extras(request: Request) -> None:
    db = request.dbsession
    guide, dakar = (db.scalar(select(Campaign).where(Campaign.currency == currency).order_by(Campaign.id))
                    for currency in ("EUR", "XOF"))
    if guide is not None:
        db.add(MatchPot(campaign_id=guide.id, position=0, matcher="Câmara Municipal do Porto", factor_percent=100,
                        per_pledge=10000, per_person=10000, total=100000))
        db.add(CampaignUpdate(campaign_id=guide.id, title="The French translators are chosen",
                              body="<p>Two translators of Dakar and Montréal share the French version; the first "
                                   "chapters reach the reviewers next month.</p>",
                              posted=clock.now() - timedelta(days=5), author_id=guide.creator_id,
                              idempotency_key=new_key()))
        db.add_all([CollectiveReturn(campaign_id=guide.id, position=0, fulfilled=False, link="",
                                     description="The guide in French and Portuguese, free to download for everyone"),
                    CollectiveReturn(campaign_id=guide.id, position=1, fulfilled=False, link="",
                                     description="A glossary of participatory budgeting in four languages")])
    if dakar is not None:
        db.add(CollectiveReturn(campaign_id=dakar.id, position=0, fulfilled=False, link="",
                                description="The conclusions of the workshop, in French and English"))
    db.flush()
