"""/campaigns/{id}/returns: the secretariat writes a campaign's collective returns (what the network
will publish for everyone) and marks each fulfilled, with the address or the portal's item published."""
import colander
import deform
from pyramid.view import view_config

from portal.api import FormView, _, translated

from ..returns import is_address, published_item, returns_of, save_returns
from ..schemas import RowsWidget, _row_error, _text
from .common import OfCampaign


def returns_node():
    row = colander.SchemaNode(
        colander.Mapping(),
        colander.SchemaNode(colander.String(), name="return_id", missing="", widget=deform.widget.HiddenWidget()),
        _text("description", _("What the network will publish for everyone"), 1000,
              widget=deform.widget.TextAreaWidget(rows=2)),
        colander.SchemaNode(colander.Boolean(), name="fulfilled", title=_("Fulfilled"), missing=False),
        _text("link", _("What was published: its address, or the number of the portal's item"), 1000,
              description=_("Such as https://example.org/guide.pdf, or 42 for the portal's item whose address ends in /42.")),
        name="collective_return", title=_("Collective return"))
    return colander.SchemaNode(colander.Sequence(), row, name="returns", title=_("Collective returns"), missing=[],
                               widget=RowsWidget(), description=_("Leave a return empty to remove it."))


@colander.deferred
def deferred_check_returns(node, kw):
    """A link is an address or the number of an item the reader may see; a fulfilled return has one."""
    request = kw["request"]

    def check(form, value):
        errors: dict = {}
        for index, row in enumerate(value.get("returns") or []):
            link = (row.get("link") or "").strip()
            if not (row.get("description") or "").strip():
                continue
            if link and not is_address(link) and published_item(request, link) is None:
                _row_error(form, errors, "returns", index, "link",
                           _("Write an address starting with https://, or the number of an item of the portal."))
            elif row.get("fulfilled") and not link:
                _row_error(form, errors, "returns", index, "link", _("Say where the fulfilled return was published."))
        if errors:
            error = colander.Invalid(form)
            error.add(errors["returns"], form.children.index(form["returns"]))
            raise error
    return check


class ReturnsSchema(colander.Schema):
    returns = returns_node()


@view_config(route_name="campaign_returns", permission="manage_pledges")
class ReturnsView(OfCampaign, FormView):
    intro = _("The campaign's page lists them; a fulfilled one links to what was published.")

    def get_schema(self):
        return ReturnsSchema(validator=deferred_check_returns)

    def page_title(self):
        return _("Collective returns of “${campaign}”",
                 mapping={"campaign": translated(self.request, self.campaign, "title")})

    def values(self):
        self.request.response.cache_control.private = True
        return {}

    def appstruct(self):
        return {"returns": [{"return_id": str(r.id), "description": r.description, "fulfilled": r.fulfilled,
                             "link": r.link} for r in returns_of(self.request.dbsession, self.campaign.id)]}

    def save_success(self, appstruct):
        save_returns(self.request.dbsession, self.campaign.id, appstruct["returns"])
        return self.done(_("Collective returns saved."),
                         self.request.route_url("campaign.view", id=self.campaign.id, _anchor="returns"))
