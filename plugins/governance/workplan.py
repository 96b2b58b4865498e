"""The secretariat's yearly work plan: one core action tree per year (owner ("workplan", year)), its
lines of work as the top-level actions, and this plugin's record of the year: whether it is published
and how the plenary approved it (a date, a text, and a link to the motion once motions exist: part A
registers them as the resource "motion")."""
from datetime import date, datetime

from sqlalchemy import Date, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.api import Base, UTCDateTime, _, clock, tree_for, utcnow

TREE_KIND = "workplan"
# the four lines of work of the network's plans (seed 004): the demo and a new year start with them
LINES = (_("Knowledge production and exchange"), _("Membership"), _("Visibility"), _("Functioning"))


class WorkPlanYear(Base):
    """A year's work plan as the plugin knows it; its actions are the core's (tree_for(TREE_KIND, year))."""

    __tablename__ = "governance_work_plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    published: Mapped[bool] = mapped_column(default=False)
    approved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    approved_by: Mapped[str] = mapped_column(String(300), default="")  # "the plenary meeting in Cascais"
    # the approving motion of part A ("motion" resource), once it is on the portal; no foreign key:
    # the motion's table belongs to the meetings' side of the plugin
    motion_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def year_record(dbsession: Session, year: int) -> WorkPlanYear | None:
    return dbsession.scalars(select(WorkPlanYear).where(WorkPlanYear.year == year)).first()


def year_tree(dbsession: Session, year: int):
    return tree_for(dbsession, TREE_KIND, year, title=_("Work plan ${year}", mapping={"year": year}))


def ensure_year(dbsession: Session, year: int) -> WorkPlanYear:
    """The year's record, made (unpublished) when the secretariat first writes to it."""
    record = year_record(dbsession, year)
    if record is None:
        record = WorkPlanYear(year=year, published=False, approved_by="", created=clock.now())
        dbsession.add(record)
        dbsession.flush()
    return record


def years(dbsession: Session, published_only: bool) -> list[WorkPlanYear]:
    stmt = select(WorkPlanYear).order_by(WorkPlanYear.year.desc())
    if published_only:
        stmt = stmt.where(WorkPlanYear.published.is_(True))
    return list(dbsession.scalars(stmt))


def in_order(plan, action) -> list:
    """The actions under `action` as the plan shows them (depth first, in their order)."""
    found = []
    for child in plan.kids(action):
        found.append(child)
        found.extend(in_order(plan, child))
    return found


def done_by_line(plan) -> list[tuple]:
    """The yearly report: each line of work with its progress and its done actions (at any depth)."""
    return [(line, plan.percent(line), [a for a in in_order(plan, line) if a.status == "done"])
            for line in plan.roots]
