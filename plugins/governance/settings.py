"""The statutes' figures the secretariat sets in the control panel."""
import colander

from portal.api import _

from .proxies import DEFAULT_LIMIT
from .votes import DEFAULT_QUORUM


class GovernanceSettings(colander.Schema):
    quorum_percent = colander.SchemaNode(
        colander.Int(), title=_("Quorum (percent of the member organisations present or represented)"),
        default=DEFAULT_QUORUM, validator=colander.Range(1, 100))
    proxy_limit = colander.SchemaNode(
        colander.Int(), title=_("Most proxies one organisation may hold at a meeting"), default=DEFAULT_LIMIT,
        validator=colander.Range(0, 50))
