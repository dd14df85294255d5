"""The admin draws the wizard's flow as a real graph (Graphviz SVG), each box a link."""

import re

import pytest
from django.urls import reverse

from contact.flow import load_flow
from contact.flow.graphviz import dot_source, dot_string
from contact.models import Choice, Question

# Same on any database (flow validation and drawing in Python): run in the SQLite pass only.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.same_on_any_database,
    pytest.mark.usefixtures("starter_flow_for_module"),
]


def test_dot_strings_are_quoted_escaped_and_wrapped():
    assert dot_string('Say "hi" \\ bye', width=40) == '"Say \\"hi\\" \\\\ bye"'
    assert dot_string("one two three", width=7) == '"one two\\nthree"'


def test_the_dot_source_has_every_box_and_one_arrow_per_answer():
    graph = load_flow()
    source = dot_source(graph=graph)
    answers = sum(len(question.choices) for question in graph.questions.values())
    assert answers == Choice.objects.count() > 0
    assert source.count(" -> ") == answers
    for question in graph.questions.values():
        assert f"  q{question.id} [" in source
    start = Question.objects.get(is_start=True)
    assert re.search(rf"  q{start.pk} \[[^\n]*penwidth=2.5", source)


def test_the_flow_page_shows_the_graph_with_a_link_to_each_question(admin_client):
    page = admin_client.get(reverse("admin:contact_flow_diagram")).content.decode()
    graph = page.split('class="flow-graph"')[1].split("</div>")[0]
    assert "<svg" in graph
    questions = list(Question.objects.all())
    assert questions
    for question in questions:
        assert reverse("admin:contact_question_change", args=[question.pk]) in graph


def test_text_from_the_database_cannot_become_markup_in_the_graph(admin_client):
    Question.objects.filter(is_start=True).update(text='<script>alert("x")</script> Are you safe?')
    page = admin_client.get(reverse("admin:contact_flow_diagram")).content.decode()
    graph = page.split('class="flow-graph"')[1].split("</div>")[0]
    assert "<script>" not in graph
    assert "&lt;script&gt;" in graph
