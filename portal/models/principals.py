"""People: users, member organisations, groups, sessions and the tokens that identify them."""
import secrets
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, String, Table, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.base import NEVER_SET, NO_VALUE

from .meta import Base, UTCDateTime, utcnow

ROLES = ("secretariat", "editor", "member")
MEMBER_KINDS = ("city", "local-government", "organisation", "university", "network")
MEMBERSHIP_STATUSES = ("active", "suspended", "former")
APPLICATION_STATUSES = ("pending", "approved", "rejected")

group_members = Table(
    "group_members",
    Base.metadata,
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Member(Base):
    """A member organisation of the network: a city, local government, organisation..."""

    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    country: Mapped[str] = mapped_column(String(2))
    region: Mapped[str] = mapped_column(String(30), index=True)
    website: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    member_since: Mapped[date | None] = mapped_column(Date, nullable=True)
    logo_id: Mapped[int | None] = mapped_column(ForeignKey("files.id", ondelete="SET NULL", use_alter=True), nullable=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    representatives: Mapped[list["User"]] = relationship(back_populates="member")
    logo = relationship("File", foreign_keys=[logo_id])


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    language: Mapped[str] = mapped_column(String(5), default="en")
    # the zone dates and times are shown in ("" : the browser's, else UTC); see portal.timezones.reader_zone
    timezone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    public_profile: Mapped[bool] = mapped_column(Boolean, default=False)
    bio: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Changes with the password or the e-mail address; every mailed one-time link carries the stamp it was
    # issued under, so a new password or a new address ends all of them (reset, welcome, juror invitation).
    security_stamp: Mapped[str] = mapped_column(String(32), default="", server_default="")
    # how notifications are mailed: immediately, daily, weekly (one digest) or never (portal.notifications)
    mail_frequency: Mapped[str] = mapped_column(String(12), default="immediately", server_default="immediately")

    member: Mapped[Member | None] = relationship(back_populates="representatives")
    groups: Mapped[list["Group"]] = relationship(secondary=group_members, back_populates="users")

    @property
    def principals(self):
        found = [f"user:{self.id}"]
        if self.role:
            found.append(f"role:{self.role}")
        if self.member_id:
            found.append(f"member:{self.member_id}")
        found.extend(f"group:{g.name}" for g in self.groups)
        return found


def new_stamp():
    return secrets.token_hex(16)


@event.listens_for(User.password_hash, "set", active_history=True)
@event.listens_for(User.email, "set", active_history=True)
def _credentials_changed(user, value, oldvalue, initiator):
    """Whoever changes a password or an address (account page, reset, secretariat, CLI, a plugin), the
    account's outstanding links end with it."""
    if oldvalue not in (NO_VALUE, NEVER_SET) and value != oldvalue:
        user.security_stamp = new_stamp()


class Group(Base):
    __tablename__ = "groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    users: Mapped[list[User]] = relationship(secondary=group_members, back_populates="groups")


class LocalRole(Base):
    """A role granted to a principal (user:ID or group:NAME) on one content item and what it contains."""

    __tablename__ = "local_roles"
    id: Mapped[int] = mapped_column(primary_key=True)
    content_id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), index=True)
    principal: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20))


class MembershipApplication(Base):
    __tablename__ = "membership_applications"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    country: Mapped[str] = mapped_column(String(2))
    website: Mapped[str] = mapped_column(String(300), default="")
    contact_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    motivation: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5), default="en")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)


class AuthSession(Base):
    """Server-side login session; the cookie carries a random token, the table only its hash."""

    __tablename__ = "auth_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires: Mapped[datetime] = mapped_column(UTCDateTime)
    user: Mapped[User] = relationship()


class LoginAttempt(Base):
    """A failed login, keyed by account and by address, to throttle guessing."""

    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class PasswordResetToken(Base):
    __tablename__ = "password_reset_tokens"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    expires: Mapped[datetime] = mapped_column(UTCDateTime)
    used: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    stamp: Mapped[str] = mapped_column(String(32), default="", server_default="")
    user: Mapped[User] = relationship()

    def valid(self, now):
        return self.used is None and self.expires >= now and self.stamp == self.user.security_stamp


class Setting(Base):
    """Values of plugin settings edited in the control panel, one JSON object per plugin."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON, default=dict)
