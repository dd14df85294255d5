"""Property-based tests (hypothesis): whatever a visitor or an editor sends, no page breaks.

- any list of wizard answers gives a question, a redirect or a 4xx, never an error;
- any Markdown gives HTML with no script, no event handler and no `javascript:` address;
- any query string on any public page gives a 2xx, 3xx or 4xx.
"""

from html.parser import HTMLParser
from urllib.parse import urlencode

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contact.flow import ANSWER_PARAM
from contact.models import Choice
from faq.models import Article, CrimeArea, ScamType, Topic
from interpolinfo.markdown import render_markdown

# Each test runs its examples in one database transaction, with the starter content.
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

DANGEROUS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click]( javascript:alert(1))",
    "<a href='java\tscript:alert(1)'>x</a>",
    "<svg onload=alert(1)>",
    "<iframe src=//evil.example></iframe>",
    "![x](javascript:alert(1))",
    '<div style="background:url(javascript:alert(1))">',
    "<<script>script>",
    "\n\n```\n<script>\n```\n",
    '<a href="&#106;avascript:alert(1)">x</a>',
    "**bold** _it_ [ok](https://www.interpol.int/)",
    "# Heading\n\n- item\n- item",
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _is_script_address(value: str) -> bool:
    """Read the address as a browser does (WHATWG URL): tabs and newlines anywhere are
    dropped, and C0 controls and spaces at either end."""
    seen = value.replace("\t", "").replace("\n", "").replace("\r", "").strip("\x00- ").lower()
    return seen.startswith(("javascript:", "vbscript:", "data:"))


@PROPERTY
@given(st.lists(st.one_of(st.sampled_from(DANGEROUS), st.text(max_size=30)), max_size=8))
def test_any_markdown_gives_html_with_no_script_handler_or_script_address(parts):
    parser = _Tags()
    parser.feed(render_markdown("".join(parts)))
    for tag, attrs in parser.tags:
        assert tag not in {"script", "iframe", "style", "object", "embed", "svg"}, tag
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name)
            if name.lower() in {"href", "src", "style", "action", "formaction"} and value:
                assert not _is_script_address(value), (tag, name, value)


@PROPERTY
@given(data=st.data())
def test_any_list_of_wizard_answers_gives_a_step_a_redirect_or_a_4xx(client, starter_content, data):
    slugs = list(Choice.objects.values_list("slug", flat=True).distinct())
    assert slugs, "the starter flow has answers"
    answers = data.draw(
        st.lists(st.one_of(st.sampled_from(slugs), st.text(max_size=20)), max_size=45)
    )
    for name in ("contact:question", "contact:result"):
        query = urlencode([(ANSWER_PARAM, answer) for answer in answers])
        response = client.get(f"{reverse(name)}?{query}")
        assert response.status_code in {200, 301, 302, 303, 400, 404}, (name, answers)


PARAMETERS = ["a", "q", "answer", "selected", "changed", "country", "feedback", "page", "x"]


def public_paths() -> list[str]:
    paths = [
        reverse(name)
        for name in (
            "faq:home",
            "faq:about",
            "faq:search",
            "faq:crimearea_list",
            "faq:scamtype_list",
            "contact:start",
            "contact:question",
            "contact:result",
        )
    ]
    for model in (Topic, Article, CrimeArea, ScamType):
        item = model.objects.published().first()
        assert item is not None, f"the starter content has a published {model.__name__}"
        paths.append(item.get_absolute_url())
    return paths


@PROPERTY
@given(data=st.data())
def test_any_query_string_on_any_public_page_gives_a_2xx_3xx_or_4xx(client, starter_content, data):
    path = data.draw(st.sampled_from(public_paths()))
    pairs = data.draw(
        st.lists(
            st.tuples(
                st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=8)),
                st.text(max_size=40),
            ),
            max_size=6,
        )
    )
    response = client.get(f"{path}?{urlencode(pairs)}")
    assert 200 <= response.status_code < 500, (path, pairs, response.status_code)
