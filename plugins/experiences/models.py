"""The experience (a good practice of a member) and the themes it is filed under."""
from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship, validates

from portal.api import region_of

from portal.api import Base, Content

MECHANISMS = ("participatory-budget", "deliberative-assembly", "advisory-council", "public-consultation",
              "digital-platform", "co-design-workshop", "monitoring-observatory", "referendum-initiative", "other")
SCALES = ("neighbourhood", "city", "metropolitan", "regional", "national")
SDGS = tuple(range(1, 18))

experience_themes = Table(
    "experience_themes",
    Base.metadata,
    Column("experience_id", ForeignKey("experiences.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("experience_theme_labels.id", ondelete="CASCADE"), primary_key=True),
)


class Theme(Base):
    """A theme of the taxonomy, with its label in each of the portal's languages."""

    __tablename__ = "experience_theme_labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    label_en: Mapped[str] = mapped_column(String(120))
    label_es: Mapped[str] = mapped_column(String(120))
    label_fr: Mapped[str] = mapped_column(String(120))
    label_pt: Mapped[str] = mapped_column(String(120))

    def label(self, language):
        return getattr(self, f"label_{language}", None) or self.label_en

    @property
    def labels(self):
        return [self.label_en, self.label_es, self.label_fr, self.label_pt]


class Experience(Content):
    __tablename__ = "experiences"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(100), unique=True, nullable=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str] = mapped_column(String(2), index=True)
    region: Mapped[str] = mapped_column(String(30), index=True)
    mechanism: Mapped[str] = mapped_column(String(40), default="other")
    scale: Mapped[str] = mapped_column(String(20), default="city")
    start_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    participants: Mapped[int | None] = mapped_column(Integer, nullable=True)
    budget: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # in pesos or won, 32 bits overflow
    currency: Mapped[str] = mapped_column(String(3), default="")
    results: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    links: Mapped[str] = mapped_column(Text, default="")
    sdgs: Mapped[list] = mapped_column(JSON, default=list)

    member = relationship("Member")
    themes: Mapped[list[Theme]] = relationship(secondary=experience_themes, order_by=Theme.slug)

    __mapper_args__ = {"polymorphic_identity": "experience"}

    @property
    def theme_slugs(self):
        return [t.slug for t in self.themes]

    @theme_slugs.setter
    def theme_slugs(self, slugs):
        from sqlalchemy import select
        session = object_session(self)
        with session.no_autoflush:
            self.themes = list(session.scalars(select(Theme).where(Theme.slug.in_(list(slugs or [])))))

    @validates("country")
    def _derive_region(self, key, value):
        self.region = region_of(value)
        return value.upper()

    @property
    def ongoing(self):
        return self.start_year is not None and self.end_year is None

    @property
    def link_list(self):
        return [line.strip() for line in (self.links or "").splitlines() if line.strip()]
