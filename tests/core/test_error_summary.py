"""The error summary at the top of a form names each field to fix briefly: a field's short title when it has
one, its title without the "(optional, ...)" remark, and a long question (an award call's) cut at a word,
while the field itself keeps its whole label. The links lead to the fields."""
import colander
import pytest
from pyramid.request import Request
from pyramid.scripting import prepare

from portal.formview import FormView

QUESTION = ("Describe how the residents of the city took part in deciding the budget, who was left out and what "
            "the council changed afterwards")


class LongSchema(colander.Schema):
    question = colander.SchemaNode(colander.String(), title=QUESTION)
    remark = colander.SchemaNode(colander.String(), title="What did you change? (optional, shown in the history)")
    named = colander.SchemaNode(colander.String(), title="Country where the juror works", short_title="Country")


class LongView(FormView):
    schema = LongSchema
    title = "Entry"

    def render(self, values):
        return values

    def save_success(self, appstruct):
        return self.done("Saved.", "/")


@pytest.fixture
def post(registry):
    envs = []

    def post(data):
        env = prepare(request=Request.blank("/entry", POST=data), registry=registry)
        envs.append(env)
        return LongView(None, env["request"])()
    yield post
    for env in envs:
        env["closer"]()


def summary(html):
    start = html.index('class="alert alert-danger error-summary"')
    return html[start:html.index("</div>", start)]


def test_the_summary_names_each_field_briefly_and_the_labels_stay_whole(post):
    html = post({"question": "", "remark": "", "named": "", "save": "save"})["form"]
    names = summary(html)
    assert "Describe how the residents of the city took part in deciding…" in names
    assert QUESTION not in names and QUESTION in html  # the label keeps the whole question
    assert ">What did you change?</a>" in names and "(optional, shown in the history)" in html
    assert ">Country</a>" in names and "Country where the juror works" in html
    assert names.count('href="#deformField') == 3
