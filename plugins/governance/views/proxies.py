"""A representative gives their organisation's proxy to another member organisation for one meeting,
downloads the proxy letter, signs it and uploads it back; the secretariat checks it (or refuses it).
A refusal of the statutes (to itself, to a non-member, over the limit) is a form error naming the rule."""
import colander
import deform
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from portal.api import FormView, _, member_node, pdf_response, store_kept, translated, uploads_node

from ..proxies import ProxyRefused, decide, give, limit
from ..proxies_letter import proxy_letter
from .common import meeting_trail, own_member_or_403

PDF = {"application/pdf"}


@view_config(route_name="gov_proxy_give", permission="take_part")
class GiveProxyView(FormView):
    buttons = (("give", _("Give our proxy")),)

    def get_schema(self):
        schema = colander.Schema()
        schema.add(member_node("holder_id", _("Organisation holding the proxy"), missing=colander.required))
        return schema

    def page_title(self):
        return _("Give your proxy for “${meeting}”", mapping={"meeting": translated(self.request, self.context, "title")})

    def values(self):
        return {"intro": _("The organisation you choose votes in your name at this meeting, separately from its own "
                           "ballot. The statutes allow ${limit} proxies per organisation.",
                           mapping={"limit": limit(self.request)})}

    def trail(self):
        return meeting_trail(self.request, self.context)

    def give_success(self, appstruct):
        giver = own_member_or_403(self.request)
        try:
            proxy = give(self.request, self.context, giver, appstruct["holder_id"])
        except ProxyRefused as refused:
            return self.refuse(appstruct, refused.message, field="holder_id")
        return self.done(_("Proxy given: download the letter, sign it and upload it back."),
                         self.request.route_url("gov_proxy_signed", proxy=proxy.id))


@view_config(route_name="gov_proxy_letter", permission="take_part")
def letter(request):
    proxy = request.context
    from ..models import Meeting
    return pdf_response(proxy_letter(request, proxy, request.dbsession.get(Meeting, proxy.meeting_id)),
                        f"proxy-{proxy.id}.pdf")


@view_config(route_name="gov_proxy_signed", permission="take_part")
class SignedProxyView(FormView):
    buttons = (("upload", _("Upload the signed letter")),)
    title = _("The signed proxy letter")

    def get_schema(self):
        schema = colander.Schema()
        schema.add(uploads_node("letter", _("The signed letter"), accept="application/pdf", allowed=PDF,
                                multiple=False, description=_("The proxy letter, signed, as a PDF file.")))
        return schema

    def values(self):
        return {"intro": _("Download the letter (${url}), sign it and upload it here.",
                           mapping={"url": self.request.route_url("gov_proxy_letter", proxy=self.context.id)})}

    def upload_success(self, appstruct):
        stored = store_kept(self.request, appstruct["letter"]["kept"], allowed=PDF, owner=self.request.user)
        if not stored:
            return self.refuse(appstruct, _("Choose the signed letter (a PDF file)."), field="letter")
        self.request.dbsession.flush()
        self.context.letter_id = stored[0].id
        decide(self.context, "signed")
        return self.done(_("Signed letter uploaded; the secretariat checks it."),
                         self.request.route_url("gov_meeting", id=self.context.meeting_id, _anchor="proxies"))


@view_config(route_name="gov_proxy_check", permission="run_plenary")
class CheckProxyView(FormView):
    buttons = (("accept", _("The letter is in order")), ("refuse", _("Refuse the proxy")))
    title = _("Check a proxy")

    def get_schema(self):
        schema = colander.Schema()
        schema.add(colander.SchemaNode(colander.String(), name="note", title=_("Note"), missing="",
                                       widget=deform.widget.TextAreaWidget(rows=2), validator=colander.Length(0, 1000)))
        return schema

    def values(self):
        if self.context.state not in ("given", "signed", "checked"):
            raise HTTPNotFound()
        return {}

    def _decide(self, state, appstruct, message):
        decide(self.context, state, appstruct["note"])
        return self.done(message, self.request.route_url("gov_meeting", id=self.context.meeting_id, _anchor="proxies"))

    def accept_success(self, appstruct):
        if self.context.letter_id is None:
            return self.refuse(appstruct, _("The signed letter has not been uploaded yet."))
        return self._decide("checked", appstruct, _("Proxy checked: its holder votes for the organisation."))

    def refuse_success(self, appstruct):
        return self._decide("refused", appstruct, _("Proxy refused."))
