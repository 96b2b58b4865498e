"""Comments on a group's pages, written by its members."""
from pyramid.view import view_config

from portal.api import FormView, validate
from portal.api import _

from .. import services
from .common import T, page_url
from .pages import comment_form, page_values


@view_config(route_name="group_page.comment", request_method="POST", permission="comment")
class CommentView(FormView):
    """The form under a page (page_values shows it); refused, the page comes back with what was typed."""
    buttons = (("comment", _("Add the comment")),)
    renderer = T + "page.pt"
    form_slot = "comment_form"

    @property
    def form(self):
        if self._form is None:
            self._form = comment_form(self.request, self.context)
        return self._form

    def __call__(self):
        # the route takes only POSTs, and each is this form's one action, its button named or not
        appstruct, failed = validate(self.form, self.request)
        return self.failure(failed) if failed else self.comment_success(appstruct)

    def page(self, **values):
        return dict(page_values(self.request, self.context), **values)

    def comment_success(self, appstruct):
        services.add_comment(self.request.dbsession, self.context, self.request.user, appstruct["text"])
        from ..notifications import comment_added
        comment_added(self.request, self.context.group, self.context,
                      self.request.route_url("group_page.view", id=self.context.id) + "#comments")
        return self.done(_("Comment added."), page_url(self.request, self.context) + "#comments")
