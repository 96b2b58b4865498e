"""A group's collaborative pages: adding, reading, editing (concurrent edits merged, or shown side by
side when they overlap), history and restore, deleting."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import ConfirmView, as_id, conflict_values, make_form, render_form, side_by_side
from portal.api import _, translate
from portal.api import Revision

from .. import services
from ..models import GroupPage, PageComment
from ..schemas import CommentSchema, PageSchema
from .common import T, GroupForm, crumbs, group_url, page_url


def comment_form(request, page):
    return make_form(request, CommentSchema, [("comment", _("Add the comment"))],
                     action=request.route_path("group_page.comment", id=page.id))


def _group_pages(request, group):
    return request.dbsession.scalars(select(GroupPage).where(GroupPage.group_id == group.id)
                                     .order_by(GroupPage.title)).all()


def _linked(request, group, body):
    return services.link_pages(request.dbsession, group, body, lambda p: page_url(request, p))


def _unlinked(request, group, body):
    return services.unlink_pages(request.dbsession, group, body, lambda p: page_url(request, p))


class PageForm(GroupForm):
    """A page's form: its text with [[Title]] links to the group's other pages, and the list of those."""
    schema = PageSchema
    renderer = T + "page_form.pt"
    obj = None

    def bind(self):
        return {"group": self.group, "page": self.obj, "excluded": self.excluded}

    def values(self):
        return {"group": self.group, "obj": self.obj, "conflicts": [], "pages": _group_pages(self.request, self.group)}


@view_config(route_name="group_page_add", permission="edit_pages")
class PageAdd(PageForm):
    title = _("New page")
    excluded = ()

    def appstruct(self):
        parent = as_id(self.request.GET.get("parent", ""))
        return {"parent_id": parent} if parent is not None else {}

    def save_success(self, appstruct):
        request, group = self.request, self.group
        parent = request.dbsession.get(GroupPage, appstruct["parent_id"]) if appstruct["parent_id"] else None
        page = services.create_page(request.dbsession, group, appstruct["title"], _linked(request, group, appstruct["body"]),
                                    request.user, parent, appstruct["comment"] or translate(_("Created"), request))
        from ..notifications import page_added
        page_added(request, group, page, request.route_url("group_page.view", id=page.id))
        return self.done(_("Page created."), page_url(request, page))


def page_values(request, page):
    """What a page shows: its text, the pages under and linking to it, comments, the latest revision."""
    session = request.dbsession
    group = page.group
    children = session.scalars(select(GroupPage).where(GroupPage.parent_id == page.id)
                               .order_by(GroupPage.position, GroupPage.title)).all()
    comments = session.scalars(select(PageComment).where(PageComment.page_id == page.id)
                               .order_by(PageComment.created)).all()
    link = page_url(request, page)
    backlinks = session.scalars(select(GroupPage).where(GroupPage.group_id == group.id, GroupPage.id != page.id,
                                                        GroupPage.body.contains(f'href="{link}"'))).all()
    can_comment = request.user is not None and bool(request.has_permission("comment", page))
    latest = session.scalar(select(Revision).where(Revision.content_id == page.id)
                            .order_by(Revision.number.desc()).limit(1))
    merged = as_id(request.GET.get("merged", ""))
    return {"obj": page, "group": group, "children": children, "comments": comments, "backlinks": backlinks,
            "can_edit": request.user is not None and bool(request.has_permission("edit", page)),
            "can_delete": request.user is not None and bool(request.has_permission("delete", page)),
            "can_comment": can_comment,
            "comment_form": render_form(comment_form(request, page)) if can_comment else None, "latest": latest,
            "merged_from": merged if merged and latest and merged < latest.number else None,
            "page_title": page.title, "breadcrumbs": crumbs(request, group, page)}


@view_config(route_name="group_page.view", renderer=T + "page.pt", permission="view")
def page_view(request):
    return page_values(request, request.context)


@view_config(route_name="group_page.edit", permission="edit")
class PageEdit(PageForm):
    """Saved as it is when nobody saved since the editor started; merged with what others saved when
    the changes do not overlap; else shown again, their version beside mine, nothing saved."""

    def __init__(self, context, request=None):
        super().__init__(context, request)
        self.obj, self.group = self.context, self.context.group
        self.excluded = services.descendants(self.request.dbsession, self.obj)

    def page(self, **values):
        title = translate(_("Edit"), self.request)
        return dict(values, page_title=f"{title}: {self.obj.title}",
                    breadcrumbs=crumbs(self.request, self.group, self.obj, last=title))

    def appstruct(self):
        page = self.obj
        return {"title": page.title, "body": _unlinked(self.request, self.group, page.body),
                "parent_id": page.parent_id, "base_revision": page.revision}

    def save_success(self, appstruct):
        request, page = self.request, self.obj
        mine = {"title": appstruct["title"], "parent_id": appstruct["parent_id"],
                "body": _linked(request, self.group, appstruct["body"])}
        base_number = appstruct["base_revision"]
        saved = services.save_page(request.dbsession, page, mine, base_number, request.user, appstruct["comment"])
        if saved.status == "conflict":
            return self.conflict(saved, appstruct, base_number)
        if saved.status == "busy":
            request.flash(_("The page is being saved by others right now; your text is kept below: save again."),
                          "error")
            return self.refuse(appstruct, status=409)
        from ..notifications import page_changed
        page_changed(request, self.group, page, request.route_url("group_page.view", id=page.id))
        if saved.status == "merged":
            names = ", ".join(sorted({r.author.name if r.author else "—" for r in saved.merged_with}))
            return self.done(_("While you were editing, ${names} saved this page (revision ${numbers}). Your "
                               "changes and theirs did not overlap: both were kept, merged into this new revision.",
                               mapping={"names": names, "numbers": ", ".join(str(r.number) for r in saved.merged_with)}),
                             page_url(request, page, _query={"merged": base_number}))
        return self.done(_("Changes saved."), page_url(request, page))

    def conflict(self, saved, appstruct, base_number):
        """Both changed the same passage: theirs beside mine; the form keeps the user's own text (with
        the other changes merged in) and now starts from the latest revision."""
        request, page = self.request, self.obj
        names = {"title": _("Title"), "parent_id": _("Place it under"), "body": _("Text")}

        def title_of(pid):
            found = request.dbsession.get(GroupPage, pid) if pid else None
            return found.title if found is not None else "—"
        result = saved.result
        shown = {"title": result["title"], "body": _unlinked(request, self.group, result["body"]),
                 "parent_id": result["parent_id"], "comment": appstruct["comment"], "base_revision": saved.current}
        return self.refuse(shown, status=409, **conflict_values(request, page, saved, base_number, names,
                                                                show={"parent_id": title_of}))


@view_config(route_name="group_page.history", renderer=T + "history.pt", permission="history")
def page_history(request):
    page = request.context
    revisions = request.dbsession.scalars(select(Revision).where(Revision.content_id == page.id)
                                          .order_by(Revision.number.desc())).all()
    a, b = request.GET.get("a"), request.GET.get("b")
    diff = None
    if a and b:
        by_number = {str(r.number): r for r in revisions}
        if a not in by_number or b not in by_number:
            raise HTTPNotFound()
        old, new = by_number[a].data, by_number[b].data
        diff = {"title": side_by_side(old.get("title") or "", new.get("title") or "")
                if old.get("title") != new.get("title") else None,
                "body": side_by_side(old.get("body") or "", new.get("body") or ""),
                "same": old == new}
    title = translate(_("History"), request)
    return {"obj": page, "group": page.group, "revisions": revisions, "diff": diff, "a": a, "b": b,
            "can_restore": bool(request.has_permission("edit", page)),
            "page_title": f"{title}: {page.title}", "breadcrumbs": crumbs(request, page.group, page, last=title)}


@view_config(route_name="group_page.restore", request_method="POST", permission="edit")
def page_restore(request):
    page = request.context
    number = request.POST.get("revision", "")
    rev = request.dbsession.scalar(select(Revision).where(Revision.content_id == page.id,
                                                          Revision.number == (as_id(number) or -1)))
    if rev is None:
        raise HTTPNotFound()
    comment = translate(_("Restored revision ${number}", mapping={"number": rev.number}), request)
    if not services.restore_revision(request.dbsession, page, rev, request.user, comment):
        request.flash(_("Someone saved the page at the same moment: look at the history and restore again."), "error")
        return HTTPFound(request.route_path("group_page.history", id=page.id))
    request.flash(_("Revision ${number} restored.", mapping={"number": rev.number}))
    return HTTPFound(page_url(request, page))


@view_config(route_name="group_page.delete", permission="delete")
class PageDelete(ConfirmView):
    """The page, its history, comments and files go; the pages under it move up (page_delete.pt says so)."""
    renderer = T + "page_delete.pt"
    name = "delete"

    def page(self, **values):
        page, title = self.context, translate(_("Delete"), self.request)
        return dict(values, obj=page, group=page.group, page_title=f"{title}: {page.title}",
                    breadcrumbs=crumbs(self.request, page.group, page, last=title))

    def confirm_success(self):
        page = self.context
        group = page.group
        services.delete_page(self.request, page)
        return self.done(_("“${title}” was deleted.", mapping={"title": page.title}), group_url(self.request, group))
