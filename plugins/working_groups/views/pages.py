"""A group's collaborative pages: adding, reading, editing (concurrent edits merged, or shown side by
side when they overlap), history and restore, deleting."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import as_id, inline_diff, make_form, render_form, side_by_side, validate
from portal.api import _, translate
from portal.api import Revision

from .. import services
from ..models import GroupPage, PageComment
from ..schemas import CommentSchema, PageSchema
from .common import T, crumbs, group_url, page_url


def page_form(request, group, page=None, excluded=()):
    return make_form(request, PageSchema, [("save", _("Save"))], group=group, page=page, excluded=excluded)


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


@view_config(route_name="group_page_add", renderer=T + "page_form.pt", permission="edit_pages")
def page_add(request):
    group = request.context
    form = page_form(request, group)
    title = translate(_("New page"), request)
    values = {"group": group, "obj": None, "conflicts": [], "page_title": title,
              "breadcrumbs": crumbs(request, group, last=title), "pages": _group_pages(request, group)}
    if "save" in request.POST:
        appstruct, error = validate(form, request)
        if error:
            return dict(values, form=error)
        parent = request.dbsession.get(GroupPage, appstruct["parent_id"]) if appstruct["parent_id"] else None
        page = services.create_page(request.dbsession, group, appstruct["title"], _linked(request, group, appstruct["body"]),
                                    request.user, parent, appstruct["comment"] or translate(_("Created"), request))
        request.flash(_("Page created."))
        return HTTPFound(page_url(request, page))
    initial = {}
    parent = as_id(request.GET.get("parent", ""))
    if parent is not None:
        initial["parent_id"] = parent
    return dict(values, form=render_form(form, initial))


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


@view_config(route_name="group_page.edit", renderer=T + "page_form.pt", permission="edit")
def page_edit(request):
    page = request.context
    session = request.dbsession
    group = page.group
    excluded = services.descendants(session, page)
    form = page_form(request, group, page, excluded=excluded)
    title = translate(_("Edit"), request)
    values = {"group": group, "obj": page, "conflicts": [], "page_title": f"{title}: {page.title}",
              "breadcrumbs": crumbs(request, group, page, last=title), "pages": _group_pages(request, group)}
    if "save" not in request.POST:
        return dict(values, form=render_form(form, {"title": page.title, "body": _unlinked(request, group, page.body),
                                                    "parent_id": page.parent_id, "base_revision": page.revision}))
    appstruct, error = validate(form, request)
    if error:
        return dict(values, form=error)
    mine = {"title": appstruct["title"], "parent_id": appstruct["parent_id"],
            "body": _linked(request, group, appstruct["body"])}
    base_number = appstruct["base_revision"]
    saved = services.save_page(session, page, mine, base_number, request.user, appstruct["comment"])
    if saved.status == "conflict":
        return _conflict_page(request, values, form, page, saved, appstruct, base_number)
    if saved.status == "busy":
        request.response.status = 409
        request.flash(_("The page is being saved by others right now; your text is kept below: save again."), "error")
        return dict(values, form=render_form(form, dict(appstruct)))
    if saved.status == "merged":
        names = ", ".join(sorted({r.author.name if r.author else "—" for r in saved.merged_with}))
        request.flash(_("While you were editing, ${names} saved this page (revision ${numbers}). Your changes "
                        "and theirs did not overlap: both were kept, merged into this new revision.",
                        mapping={"names": names, "numbers": ", ".join(str(r.number) for r in saved.merged_with)}))
        return HTTPFound(page_url(request, page, _query={"merged": base_number}))
    request.flash(_("Changes saved."))
    return HTTPFound(page_url(request, page))


def _conflict_page(request, values, form, page, saved, appstruct, base_number):
    """Both changed the same passage: show theirs beside mine; the form keeps the user's own text
    (with the other changes merged in) and now starts from the latest revision."""
    request.response.status = 409
    names = {"title": _("Title"), "parent_id": _("Place it under"), "body": _("Text")}

    def title_of(pid):
        found = request.dbsession.get(GroupPage, pid) if pid else None
        return found.title if found is not None else "—"
    rows = []
    for name, c in saved.conflicts:
        if name == "parent_id":
            base_text, mine_text, theirs_text = title_of(c.base), title_of(c.mine), title_of(c.theirs)
        else:
            base_text, mine_text, theirs_text = c.base or "", c.mine or "", c.theirs or ""
        rows.append({"field": translate(names[name], request), "theirs": inline_diff(base_text, theirs_text),
                     "mine": inline_diff(base_text, mine_text)})
    authors = request.dbsession.scalars(select(Revision).where(Revision.content_id == page.id,
                                                               Revision.number > base_number)
                                        .order_by(Revision.number)).all()
    result = saved.result
    form_values = {"title": result["title"], "body": _unlinked(request, page.group, result["body"]),
                   "parent_id": result["parent_id"],
                   "comment": appstruct["comment"], "base_revision": saved.current}
    return dict(values, form=render_form(form, form_values), conflicts=rows,
                conflict_authors=", ".join(sorted({r.author.name if r.author else "—" for r in authors})),
                conflict_numbers=", ".join(str(r.number) for r in authors))


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


@view_config(route_name="group_page.delete", renderer=T + "page_delete.pt", permission="delete")
def page_delete(request):
    page = request.context
    group = page.group
    if "delete" in request.POST:
        services.delete_page(request, page)
        request.flash(_("“${title}” was deleted.", mapping={"title": page.title}))
        return HTTPFound(group_url(request, group))
    title = translate(_("Delete"), request)
    return {"obj": page, "group": group, "page_title": f"{title}: {page.title}",
            "breadcrumbs": crumbs(request, group, page, last=title)}
