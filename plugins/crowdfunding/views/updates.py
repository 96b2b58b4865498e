"""/campaigns/{id}/updates: the secretariat or the campaign's author posts an update; it shows on the
campaign's page and is mailed once to each supporter who asked for the updates, in their language."""
import colander
import deform
from pyramid.view import view_config

from portal.api import FormView, _, here_and_there, rich_text_node, translated

from ..pledges import new_key
from ..updates import post_update, subscribers, updates_of
from .common import OfCampaign


class UpdateSchema(colander.Schema):
    key = colander.SchemaNode(colander.String(), widget=deform.widget.HiddenWidget(), missing="",
                              validator=colander.Length(0, 64))
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=colander.Length(1, 300))
    body = rich_text_node(_("Text"), missing=colander.required)


@view_config(route_name="campaign_updates", permission="post_updates")
class UpdatesView(OfCampaign, FormView):
    schema = UpdateSchema
    buttons = (("post", _("Post and mail the update")),)
    renderer = "plugins.crowdfunding:templates/updates.pt"

    def page_title(self):
        return _("Updates of “${campaign}”", mapping={"campaign": translated(self.request, self.campaign, "title")})

    def values(self):
        self.request.response.cache_control.private = True
        session = self.request.dbsession
        return {"campaign": self.campaign, "updates": updates_of(session, self.campaign.id),
                "subscribers": len(subscribers(session, self.campaign.id)),
                "when": lambda moment: here_and_there(self.request, moment, self.campaign.timezone)}

    def appstruct(self):
        return {"key": new_key()}

    def post_success(self, appstruct):
        post_update(self.request, self.campaign, appstruct["title"].strip(), appstruct["body"],
                    appstruct["key"] or new_key())
        return self.done(_("Update posted; it is mailed to the supporters who asked for the updates."),
                         self.request.route_url("campaign.view", id=self.campaign.id, _anchor="updates"))
