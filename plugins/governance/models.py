"""The governance plugin's models (part A: meetings, motions, votes). The work plan's and the
presidency's live in their own modules, imported here so the metadata is whole wherever
`plugins.governance.models` is imported (alembic check)."""
# --- work plan
from .workplan import WorkPlanYear  # noqa: F401
# --- presidency
from .presidency import Candidacy, CandidacyDocument, PresidencyCall  # noqa: F401, E402
