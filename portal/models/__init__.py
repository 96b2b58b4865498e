"""Import every core model so the mappers are configured and Alembic sees the metadata."""
from sqlalchemy.orm import configure_mappers

from .meta import Base, metadata, utcnow  # noqa: F401
from .principals import (  # noqa: F401
    APPLICATION_STATUSES, MEMBER_KINDS, MEMBERSHIP_STATUSES, ROLES, AuthSession, Group, LocalRole,
    LoginAttempt, Member, MembershipApplication, PasswordResetToken, Setting, User, group_members,
)
from .files import File  # noqa: F401
from .content import Content, News, Page, Revision, Section, WorkflowLog  # noqa: F401
from .outbox import OutboxMessage  # noqa: F401
from .search import SearchChange  # noqa: F401
from .tasks import TaskRun  # noqa: F401
from .notifications import Follow, Notification  # noqa: F401
from .actions import ACTION_STATUSES, Action, ActionTree, ActionUpdate  # noqa: F401

configure_mappers()
