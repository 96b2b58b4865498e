"""The base views of every content type: add, view, edit, delete, workflow, history, restore,
listing; add_content_type registers them (or a type's own subclass, `views=`) under the type's path.
Every write goes through portal.content.service."""
import colander
import deform
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from sqlalchemy import func, select

from ..db import model_factory
from ..forms import render_form, translation_node
from ..formview import FormView
from ..guard import as_id
from ..i18n import _, translate
from ..models import Content, WorkflowLog
from . import service
from .moves import with_move_rule
from .revisions import restorable, revision, revision_diff, revisions, schema_fields


class ContentViews:
    """A type's views; a type subclasses it (add_content_type(views=...)) to change one of them."""

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.info = request.registry.portal.content_types[request.matched_route.name.split(".")[0]]
        self.workflow = request.registry.portal.workflows[self.info.workflow]

    @property
    def schema(self):
        schema = self.info.schema()
        schema.add(translation_node())
        if "media" not in schema:  # every item's images and documents, chosen in its form
            from ..forms import media_node
            schema.add(media_node())
        if self.info.merge:  # the revision the editor starts from, so that concurrent edits are merged
            schema.add(colander.SchemaNode(colander.Integer(), name="base_revision", missing=None,
                                           widget=deform.widget.HiddenWidget()))
        return with_move_rule(schema)

    def url(self, obj, view="view", **kw):
        return self.request.route_url(f"{self.info.name}.{view}", id=obj.id, **kw)

    def common(self, **values):
        values.setdefault("type_info", self.info)
        crumbs = []
        if self.info.listing_route:
            crumbs.append((translate(self.info.plural, self.request), self.request.route_path(self.info.listing_route)))
        obj = values.get("obj")
        if obj is not None:
            parents, node = [], obj.parent
            while node is not None and len(parents) < 10:
                parents.insert(0, (node.title, self.request.route_path(f"{node.type}.view", id=node.id)))
                node = node.parent
            crumbs += parents
            view = self.request.matched_route.name.split(".")[1]
            if view == "view":
                crumbs.append((obj.title, None))
            else:
                crumbs += [(obj.title, self.url(obj)), (translate(VIEW_TITLES.get(view, view), self.request), None)]
            values.setdefault("page_title", obj.title)
        else:
            values.setdefault("page_title", translate(self.info.plural, self.request))
            if self.request.matched_route.name.endswith(".add"):
                crumbs.append((translate(_("Add"), self.request), None))
                values["page_title"] = translate(self.info.title, self.request)
        values.setdefault("breadcrumbs", crumbs)
        return values

    added_message = _("Saved as a draft. Submit it for review or publish it when it is ready.")

    def add(self):
        return ContentAddForm(self)()

    def create(self, appstruct, **attrs):
        return service.create(self.request, self.info, appstruct, comment=translate(_("Created"), self.request),
                              **attrs)

    def initial(self):
        """Values given in the address (?parent_id=3) prefill the add form."""
        found = {}
        for node in self.schema.children:
            if node.name in self.request.GET:
                try:
                    found[node.name] = node.deserialize(self.request.GET[node.name])
                except colander.Invalid:
                    pass
        return found

    def edit(self):
        return ContentEditForm(self, self.context)()

    def view(self):
        obj = self.context
        request = self.request
        translations = request.dbsession.scalars(
            select(Content).where(Content.translation_group == obj.translation_group, Content.id != obj.id)).all()
        translations = [t for t in translations if request.has_permission("view", t)]
        extra = self.info.view_values(request, obj) if self.info.view_values else {}
        anonymous = request.user is None  # visitors can change nothing: spare the permission checks
        return self.common(**extra, obj=obj, transitions=[] if anonymous else self.workflow.available(obj, request),
                           state=self.workflow.states.get(obj.state), translations=translations,
                           can_edit=not anonymous and bool(request.has_permission("edit", obj)),
                           can_delete=not anonymous and bool(request.has_permission("delete", obj)),
                           can_review=not anonymous and bool(request.has_permission("review", obj)))

    def delete(self):
        obj = self.context
        if "delete" in self.request.POST:
            service.delete(self.request, obj)
            self.request.flash(_("“${title}” was deleted.", mapping={"title": obj.title}))
            return HTTPFound(self.request.route_url("home"))
        return self.common(obj=obj)

    def transition(self):
        obj = self.context
        name = self.request.POST.get("transition", "")
        comment = self.request.POST.get("comment", "").strip()[:2000]
        tr = self.workflow.transition(obj, self.request, name, comment)
        self.request.flash(tr.done or _("State changed: ${state}.", mapping={
            "state": translate(self.workflow.states[tr.target].title, self.request)}))
        return HTTPFound(self.url(obj))

    def history(self):
        obj = self.context
        found = revisions(self.request.dbsession, obj)
        log = self.request.dbsession.scalars(
            select(WorkflowLog).where(WorkflowLog.content_id == obj.id).order_by(WorkflowLog.at.desc())).all()
        diff = None
        a, b = self.request.GET.get("a"), self.request.GET.get("b")
        if a and b:
            by_number = {str(r.number): r for r in found}
            if a not in by_number or b not in by_number:
                raise HTTPNotFound()
            diff = revision_diff(by_number[a].data, by_number[b].data)
        return self.common(obj=obj, revisions=found, log=log, diff=diff, a=a, b=b,
                           states=self.workflow.states)

    def restore(self):
        obj = self.context
        number = self.request.POST.get("revision", "")
        rev = revision(self.request.dbsession, obj, as_id(number))
        if rev is None:
            raise HTTPNotFound()
        schema = self.schema.bind(request=self.request, type_info=self.info, obj=obj)
        fields = set(schema_fields(schema))
        cstruct = schema.serialize({k: v for k, v in restorable(rev.data).items() if k in fields})
        try:
            appstruct = schema.deserialize(cstruct)
        except colander.Invalid as error:
            moved = error.asdict().get("parent_id") if "parent_id" in fields else None
            self.request.flash(moved or _("Revision ${number} cannot be restored as it is: it lacks what the form "
                                          "now requires. Copy what you need from the comparison instead.",
                                          mapping={"number": rev.number}), "error")
            return HTTPFound(self.url(obj, "history"))
        service.restore(self.request, obj, rev, appstruct, comment=translate(
            _("Restored revision ${number}", mapping={"number": rev.number}), self.request))
        self.request.flash(_("Revision ${number} restored.", mapping={"number": rev.number}))
        return HTTPFound(self.url(obj))

    def listing(self):
        can_see_all = self.request.has_permission("view_private", self.request.site)
        stmt = select(self.info.factory)
        if not can_see_all:
            stmt = stmt.where(self.info.factory.state.in_(self.workflow.listed_states))
        stmt = stmt.order_by(func.coalesce(self.info.factory.published, self.info.factory.created).desc())
        from ..pagination import paginate
        pager = paginate(self.request, stmt, size=20)
        return self.common(items=pager.items, pager=pager,
                           can_add=bool(self.request.has_permission(self.info.add_permission, self.request.site)),
                           states=self.workflow.states)


class ContentForm(FormView):
    """The add or edit form of a content type. Its schema, first values, page (crumbs) and the way it
    creates come from the type's ContentViews, which a type may subclass (add_content_type(views=...))."""

    renderer = "portal:templates/content_form.pt"

    def __init__(self, views, obj=None):
        super().__init__(views.context, views.request)
        self.views, self.obj = views, obj

    def get_schema(self):
        return self.views.schema

    def bind(self):
        return {"type_info": self.views.info, "obj": self.obj}

    def show(self, form_html, **extra):
        values = {"obj": self.obj} if self.obj is not None else {"title": self.views.info.title}
        return self.render(self.views.common(form=form_html, **values, **extra))


class ContentAddForm(ContentForm):
    def appstruct(self):
        return self.views.initial()

    def save_success(self, appstruct):
        obj = self.views.create(appstruct)
        return self.done(self.views.added_message, self.views.url(obj))


class ContentEditForm(ContentForm):
    """Saving goes through the content service: a type that merges keeps others' concurrent changes
    that do not overlap; those that do are named, and the form comes back (409) to be saved again."""

    def appstruct(self):
        obj = self.obj
        appstruct = {name: getattr(obj, name) for name in schema_fields(self.views.schema) if name != "base_revision"}
        appstruct = {k: v for k, v in appstruct.items() if v is not None}
        if self.views.info.merge:
            appstruct["base_revision"] = service.current_number(self.request.dbsession, obj)
        return appstruct

    def save_success(self, appstruct):
        obj = self.obj
        saved = service.update(self.request, obj, appstruct, appstruct.pop("base_revision", None),
                               comment=self.request.POST.get("comment", ""))
        if not saved.written:
            return self.refused(saved, appstruct)
        from ..notifications import content_changed
        content_changed(self.request, obj)
        if saved.status == "merged":
            message = _("While you were editing, others saved this item (revision ${numbers}). Your changes and "
                        "theirs did not overlap: both were kept.", mapping={
                            "numbers": ", ".join(str(r.number) for r in saved.merged_with)})
        else:
            message = _("Changes saved.")
        return self.done(message, self.views.url(obj))

    def refused(self, saved, appstruct):
        """A save that overlapped others' (a type that merges): the form again, with what could be merged
        and starting from the latest revision; the fields in conflict are named."""
        self.request.response.status = 409
        if saved.status == "busy":
            self.request.flash(_("This item is being saved by others right now; your text is kept below: save "
                                 "again."), "error")
            return self.show(render_form(self.form, appstruct))
        names = ", ".join(dict.fromkeys(name for name, _conflict in saved.conflicts))
        self.request.flash(_("While you were editing, others changed the same passages (${fields}): look at "
                             "their version in the history, then save again.", mapping={"fields": names}), "error")
        return self.show(render_form(self.form, dict(appstruct, **saved.result, base_revision=saved.current)))


VIEW_TITLES = {"edit": _("Edit"), "delete": _("Delete"), "history": _("History")}

CONTENT_VIEWS = [
    # (view name, url suffix, method, permission, attr, template, factory?)
    ("add", "/add", ("GET", "POST"), None, "add", "portal:templates/content_form.pt", False),
    ("view", "/{id:\\d+}", ("GET",), "view", "view", None, True),
    ("edit", "/{id:\\d+}/edit", ("GET", "POST"), "edit", "edit", "portal:templates/content_form.pt", True),
    ("delete", "/{id:\\d+}/delete", ("GET", "POST"), "delete", "delete", "portal:templates/content_delete.pt", True),
    ("transition", "/{id:\\d+}/transition", ("POST",), "view", "transition", None, True),
    ("history", "/{id:\\d+}/history", ("GET",), "history", "history", "portal:templates/content_history.pt", True),
    ("restore", "/{id:\\d+}/restore", ("POST",), "edit", "restore", None, True),
]


def add_content_views(config, info):
    """Routes and views of one content type, registered by add_content_type."""
    views = info.views or ContentViews
    for view, suffix, methods, permission, attr, template, with_factory in CONTENT_VIEWS:
        route = f"{info.name}.{view}"
        config.add_route(route, info.path + suffix, factory=model_factory(info.factory) if with_factory else None)
        renderer = template or (info.view_template if view == "view" else None)
        config.add_view(views, attr=attr, route_name=route, request_method=methods,
                        permission=permission or info.add_permission, renderer=renderer)
    if info.listing:
        config.add_route(f"{info.name}.listing", info.path)
        config.add_view(views, attr="listing", route_name=f"{info.name}.listing",
                        permission="view", renderer="portal:templates/content_listing.pt")
