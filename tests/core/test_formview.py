"""FormView's hooks for pages that show more than one form: the form under a name of the template's
(form_slot), posting to another view (action), and a refusal that shows more than a message (refuse
with the values the server made and extra template values: an edit that met another's)."""
import colander
import pytest
from pyramid.request import Request
from pyramid.scripting import prepare

from portal.formview import FormView


class NoteSchema(colander.Schema):
    text = colander.SchemaNode(colander.String(), validator=colander.Length(1, 20))


class NoteView(FormView):
    """A note form shown on another page (its template names it note_form), posting to /notes."""
    schema = NoteSchema
    title = "Notes"
    intro = "Write a note."
    form_slot = "note_form"

    def action(self):
        return "/notes"

    def values(self):
        return {"notes": ["first"]}

    def render(self, values):  # what the template would be given
        return values

    def save_success(self, appstruct):
        if appstruct["text"] == "clash":
            return self.refuse(dict(appstruct, text="theirs and mine"), status=409, conflicts=["text"])
        return self.done("Saved.", "/notes")


@pytest.fixture
def call(registry):
    envs = []

    def call(post=None):
        request = Request.blank("/page", POST=post) if post is not None else Request.blank("/page")
        env = prepare(request=request, registry=registry)
        envs.append(env)
        return NoteView(None, env["request"])(), env["request"]
    yield call
    for env in envs:
        env["closer"]()


def test_the_form_is_given_under_its_slot_and_posts_to_its_action(call):
    values, request = call()
    assert "form" not in values
    assert 'action="/notes"' in values["note_form"]
    assert values["notes"] == ["first"] and values["intro"] == "Write a note."
    assert values["page_title"] == "Notes"


def test_a_refused_form_comes_back_in_its_slot(call):
    values, request = call({"text": "x" * 30, "save": "save"})
    assert request.response.status_int == 400
    assert 'aria-invalid="true"' in values["note_form"] and "x" * 30 in values["note_form"]
    assert values["notes"] == ["first"]


def test_a_refusal_shows_what_the_server_made_and_extra_values(call):
    values, request = call({"text": "clash", "save": "save"})
    assert request.response.status_int == 409
    assert values["conflicts"] == ["text"]
    assert "theirs and mine" in values["note_form"]
    assert values["intro"] == "Write a note.", "no message given: the page's own introduction stays"


def test_a_saved_form_redirects(call):
    res, request = call({"text": "a note", "save": "save"})
    assert res.status_int == 302 and res.location.endswith("/notes")
