"""The contact-route wizard, end to end, as frightened visitors use it.

Routes are followed by the words on the answers, as a visitor reads them, and
each ends on a result that names the right official channel. They run with
JavaScript on and off (the wizard is a plain GET form), and one route with the
keyboard alone.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import WIDE
from tests.browser.pages import (
    PageTypeMissing,
    question_form,
    start_wizard,
    submit,
)

# What the browser does with the wizard's pages (forms, focus, keys, the country
# finder) does not depend on the database: these run in the SQLite pass only. The
# server's answers, counts and cached pages are checked on PostgreSQL and Redis by
# tests/contact/ and tests/perf/.
pytestmark = pytest.mark.same_on_any_database

I = re.IGNORECASE  # noqa: E741

MESSAGE = r"claims to be from INTERPOL"

# (name, the answers in order, what the result must say, whether it links an official page)
ROUTES = [
    (
        "fake-interpol-message-asking-for-money",
        [MESSAGE, r"^Money or my details$", r"^Nothing yet"],
        r"scam",
        True,
    ),
    (
        "already-paid-someone-using-interpols-name",
        [MESSAGE, r"^Money or my details$", r"^I paid money"],
        r"bank",
        True,
    ),
    (
        "data-interpol-may-hold-about-me",
        [r"may hold information about me"],
        r"Commission for the Control of INTERPOL's Files",
        True,
    ),
    (
        "police-officer-needing-interpol",
        [r"work for the police"],
        r"National Central Bureau",
        True,
    ),
    (
        "someone-in-danger-finds-it-on-the-first-question",
        [r"^Someone is in danger right now"],
        r"emergency number",
        False,
    ),
    (
        "sextortion-with-help-for-under-18s",
        [MESSAGE, r"share sexual images"],
        r"under 18",
        False,
    ),
    (
        "someone-in-danger-now",
        [r"report a crime", r"in danger now"],
        r"emergency number",
        False,
    ),
]


@pytest.fixture
def wizard(site_content, live_server):
    """Open the wizard's first question; fail, saying why, if there is none."""

    def open_first_question(page) -> None:
        try:
            start_wizard(page, live_server.url)
        except PageTypeMissing as missing:
            pytest.fail(str(missing))
        assert question_form(page) is not None, "the wizard's first step shows no question form"

    return open_first_question


def choose(page, answer: str) -> None:
    """Pick the answer whose label matches, with the mouse, and continue."""
    form = question_form(page)
    assert form is not None, f"expected a question, got {page.url}"
    form.get_by_label(re.compile(answer, I)).first.check()
    submit(page, form)


def choose_with_keyboard(page, answer: str) -> None:
    """Tab to the answers, arrow to the one that matches, Tab to the button, press Enter."""
    form = question_form(page)
    assert form is not None, f"expected a question, got {page.url}"
    target = form.get_by_label(re.compile(answer, I)).first
    target_id = target.get_attribute("id")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    else:
        pytest.fail("Tab never reached the answers")
    radios = form.locator("input[type=radio]").count()
    for _ in range(radios):
        if page.evaluate("document.activeElement.id") == target_id:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(target).to_be_checked()
    for _ in range(radios + 10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    else:
        pytest.fail("Tab never reached the Continue button")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def walk(page, answers: list[str], choose_next=choose) -> list[str]:
    """Give the answers, then the first choice of any further question (a country
    question, say), until a result. Returns the headings of the questions seen."""
    seen = []
    for answer in answers:
        seen.append(page.locator("h1").inner_text())
        choose_next(page, answer)
    for _ in range(10):
        form = question_form(page)
        if form is None:
            return seen
        seen.append(page.locator("h1").inner_text())
        if form.locator("input[type=radio]").count():
            first_label = form.locator("input[type=radio]").first.evaluate(
                "el => el.labels[0].innerText"
            )
            choose_next(page, "^" + re.escape(first_label.strip()))
        else:
            submit(page, form)
    pytest.fail("no result after ten more questions")


def expect_result(page, says: str, *, links_official_page: bool) -> None:
    assert question_form(page) is None, f"expected a result, still on a question: {page.url}"
    main = page.locator("main")
    expect(main).to_contain_text(re.compile(says, I))
    if links_official_page:
        expect(main.locator(".wizard-channels a[href^='https://']").first).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize(("route", "answers", "says", "links"), ROUTES, ids=[r[0] for r in ROUTES])
def test_wizard_route_ends_on_the_right_official_channel(
    new_context, wizard, route, answers, says, links, javascript
):
    page = new_context(javascript=javascript).new_page()
    wizard(page)

    walk(page, answers)

    expect_result(page, says, links_official_page=links)


def tab_to(page, name: str, *, limit: int = 60) -> None:
    """Press Tab until the focused element's text matches name."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if re.search(name, page.evaluate("document.activeElement.innerText || ''"), I):
            return
    pytest.fail(f"Tab never reached {name!r}")


def test_wizard_route_can_be_completed_with_the_keyboard_alone(new_context, wizard):
    _, answers, says, links = ROUTES[0]
    page = new_context(width=WIDE).new_page()
    wizard(page)  # skips while there is no wizard
    page.goto(reverse("contact:start"))

    tab_to(page, r"^start now$")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    walk(page, answers, choose_next=choose_with_keyboard)

    expect_result(page, says, links_official_page=links)


def test_change_reopens_the_question_with_the_old_answer_selected(page, wizard):
    answers = ROUTES[0][1]
    wizard(page)
    first_question = walk(page, answers)[0]

    page.locator("main").get_by_role("link", name=re.compile(r"^change", I)).first.click()

    expect(page.locator("h1")).to_have_text(first_question)
    expect(question_form(page).get_by_label(re.compile(answers[0], I)).first).to_be_checked()


def test_start_again_forgets_every_answer(page, wizard):
    answers = ROUTES[0][1]
    wizard(page)
    walk(page, answers)

    page.locator("main").get_by_role("link", name=re.compile(r"start again", I)).click()

    main = page.locator("main")
    expect(main.get_by_role("link", name=re.compile(r"^change", I))).to_have_count(0)
    form = question_form(page)
    if form is not None:
        expect(form.locator("input[type=radio]:checked")).to_have_count(0)


def test_back_button_after_a_result_returns_to_the_last_question(page, wizard):
    answers = ROUTES[0][1]
    wizard(page)
    questions = walk(page, answers)
    result_url = page.url

    page.go_back()

    assert page.url != result_url
    assert question_form(page) is not None
    expect(page.locator("h1")).to_have_text(questions[-1])
    page.go_forward()
    assert page.url == result_url


def test_an_unanswered_question_moves_focus_to_an_error_summary_that_links_to_the_answers(
    page, wizard
):
    wizard(page)

    submit(page, question_form(page))

    summary = page.locator("main").locator("[role=alert], .error-summary").first
    expect(summary).to_be_visible()
    assert summary.evaluate(
        "el => el === document.activeElement || el.contains(document.activeElement)"
    ), "focus should move to the error summary"
    link = summary.locator("a[href^='#']").first
    target = page.locator(link.get_attribute("href"))
    expect(target).to_have_count(1)
    link.click()
    assert target.evaluate(
        "el => el === document.activeElement || el.contains(document.activeElement)"
    ), "the summary's link should take focus to the question"


def test_an_unknown_country_moves_focus_to_an_error_summary_that_links_to_the_select(
    page, site_content, live_server
):
    response = page.goto(
        f"{live_server.url}{reverse('contact:result')}?a=report-crime&a=no&country=XX"
    )

    assert response.status == 400
    summary = page.locator("main #error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    expect(page.locator("main select[name=country]")).to_be_focused()


def test_the_country_finder_picks_a_country_by_a_common_other_name(page, site_content, live_server):
    """With JavaScript, typing "UK" or "Ivory Coast" picks the country in the select."""
    page.goto(f"{live_server.url}/contact/result/?a=report-crime&a=no")
    finder = page.get_by_label("Find your country by name")
    for typed, code in (("UK", "GB"), ("ivory coast", "CI"), ("usa", "US"), ("Nigeria", "NG")):
        finder.fill(typed)
        assert page.locator("main select[name=country]").input_value() == code, typed
    assert "Selected: Nigeria" in page.locator("main .country-form [role=status]").inner_text()
    with page.expect_navigation():
        page.locator("main .country-form button[type=submit]").click()
    assert "country=NG" in page.url
