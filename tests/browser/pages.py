"""The public page types the browser gate visits, and how to find one of each.

Each entry knows how to find a real page of its type on a running site with
the starter content loaded. A type whose URL name, model or content does not
exist raises PageTypeMissing, which the tests report as a failure with the
reason: a page type that disappears is a regression, never a skip.

The same table serves the pytest checks, `make screenshots` and the Lighthouse
script, which runs outside pytest against gunicorn.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.urls import NoReverseMatch, get_resolver, reverse

from faq.models import Article, CrimeArea, ScamType, Topic


class PageTypeMissing(Exception):
    """The site has no page of this type: the browser gate fails, saying why."""


@dataclass(frozen=True)
class PageType:
    name: str
    locate: Callable  # (page, base_url) -> absolute URL of one page of this type
    status: int = 200
    indexable: bool = True


def url_name_exists(name: str) -> bool:
    """Whether `namespace:name` is defined, whatever arguments it takes."""
    namespace, _, short_name = name.rpartition(":")
    resolver = get_resolver()
    for part in namespace.split(":") if namespace else []:
        if part not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[part][1]
    return short_name in resolver.reverse_dict


def require_url_name(name: str) -> None:
    if not url_name_exists(name):
        raise PageTypeMissing(f"URL name {name!r} is not defined yet")


def by_url_name(name: str, query: str = "") -> Callable:
    def locate(page, base_url: str) -> str:
        require_url_name(name)
        try:
            return base_url + reverse(name) + query
        except NoReverseMatch as error:
            raise PageTypeMissing(f"{name!r} cannot be reversed without arguments") from error

    return locate


def first_published(model: type[models.Model], url_name: str, **filters) -> Callable:
    """The first published object of a content model, through its get_absolute_url."""

    def locate(page, base_url: str) -> str:
        require_url_name(url_name)
        item = model.objects.published().filter(**filters).first()
        if item is None:
            raise PageTypeMissing(f"the starter content has no published {model.__name__}")
        return base_url + item.get_absolute_url()

    return locate


def literal(path: str) -> Callable:
    def locate(page, base_url: str) -> str:
        return base_url + path

    return locate


# The wizard is reached the way a visitor reaches it: from its start page.
START_LINK = re.compile(r"start", re.IGNORECASE)
CONTINUE_BUTTON = re.compile(r"continue|next|see .*result|show", re.IGNORECASE)


def start_wizard(page, base_url: str) -> None:
    """Open the contact start page and follow its "Start now" link or button."""
    require_url_name("contact:start")
    page.goto(base_url + reverse("contact:start"))
    main = page.locator("main")
    start = main.get_by_role("link", name=START_LINK)
    start = start.or_(main.get_by_role("button", name=START_LINK))
    if start.count() == 0:
        raise PageTypeMissing("the contact start page has no Start link or button yet")
    with page.expect_navigation():
        start.first.click()


def question_form(page):
    """The wizard's question form on this page, or None on a result page.

    A question is answered with radio buttons; a result may have a form too
    (choosing a country), which is not a question.
    """
    form = page.locator("main form").filter(has=page.locator("input[type=radio]"))
    return form.first if form.count() else None


def submit_button(form):
    return form.locator("button[type=submit], input[type=submit], button:not([type])").first


def submit(page, form) -> None:
    """Send the form and wait for the next page (after any redirect) to load."""
    with page.expect_navigation():
        submit_button(form).click()


def answer_first_choice(page) -> None:
    form = question_form(page)
    form.locator("input[type=radio]").first.check()
    submit(page, form)


def wizard_question(page, base_url: str) -> str:
    start_wizard(page, base_url)
    if question_form(page) is None:
        raise PageTypeMissing("the wizard's first step shows no question form yet")
    return page.url


def wizard_question_with_error(page, base_url: str) -> str:
    """The first question sent back unanswered: it shows the error summary."""
    start_wizard(page, base_url)
    form = question_form(page)
    if form is None:
        raise PageTypeMissing("the wizard's first step shows no question form yet")
    submit(page, form)
    return page.url


def wizard_result(page, base_url: str) -> str:
    """Follow the first answer of every question until a result appears."""
    start_wizard(page, base_url)
    for _ in range(15):
        if question_form(page) is None:
            return page.url
        answer_first_choice(page)
    raise PageTypeMissing("fifteen answers did not reach a result")


# A route whose result offers national contacts, by the words of its answers.
COUNTRY_ROUTE = [r"report a crime", r"^No$"]


def wizard_result_for_country(country: str) -> Callable:
    """A result after choosing a country (a bad code shows the result's error summary)."""

    def locate(page, base_url: str) -> str:
        start_wizard(page, base_url)
        for answer in COUNTRY_ROUTE:
            form = question_form(page)
            if form is None:
                raise PageTypeMissing("the country route ended before its last answer")
            choice = form.get_by_label(re.compile(answer, re.IGNORECASE))
            if choice.count() == 0:
                raise PageTypeMissing(f"no answer matches {answer!r} on {page.url}")
            choice.first.check()
            submit(page, form)
        select = page.locator("main select[name=country]")
        if question_form(page) is not None or select.count() == 0:
            raise PageTypeMissing("the country route's result offers no country choice")
        if country:
            select.select_option(country)
        else:
            select.evaluate("el => { el.options[1].value = 'ZZ'; el.selectedIndex = 1; }")
        with page.expect_navigation():
            select.locator("xpath=ancestor::form").locator("button[type=submit]").click()
        return page.url

    return locate


PAGE_TYPES = [
    PageType("home", by_url_name("faq:home")),
    PageType("about", by_url_name("faq:about")),
    PageType("fake-message-example", by_url_name("faq:fake_message_example")),
    PageType("topic", first_published(Topic, "faq:topic_detail")),
    PageType("article", first_published(Article, "faq:article_detail")),
    PageType("crime-area-index", by_url_name("faq:crimearea_list")),
    PageType("crime-area", first_published(CrimeArea, "faq:crimearea_detail")),
    PageType("scam-index", by_url_name("faq:scamtype_list")),
    PageType("scam", first_published(ScamType, "faq:scamtype_detail")),
    PageType("search-empty", by_url_name("faq:search")),
    PageType("search-results", by_url_name("faq:search", "?q=interpol")),
    PageType("search-no-results", by_url_name("faq:search", "?q=qqxzvw")),
    PageType("wizard-start", by_url_name("contact:start")),
    PageType("message-checker", by_url_name("checker:check")),
    PageType("wizard-question", wizard_question, indexable=False),
    PageType("wizard-question-error", wizard_question_with_error, 400, False),
    PageType("wizard-result", wizard_result, indexable=False),
    PageType("wizard-result-country", wizard_result_for_country("GB"), indexable=False),
    PageType("wizard-result-country-error", wizard_result_for_country(""), 400, False),
    PageType("error-404", literal("/no-such-page-for-browser-tests/"), 404, False),
]


def in_language(page_type: PageType, code: str) -> PageType:
    """The same page in another language: found in English, then opened under /<code>/
    (wizard answers and country are language-independent, so the query string stays)."""

    def locate(page, base_url: str) -> str:
        url = page_type.locate(page, base_url)
        return url.replace(f"{base_url}/en/", f"{base_url}/{code}/", 1)

    return PageType(f"{page_type.name}-{code}", locate, page_type.status, page_type.indexable)


# The other languages on the pages most visitors see: the home page, an article, a
# wizard question and a result (with a country, the fullest result page).
TRANSLATED_PAGES = ("home", "article", "wizard-question", "wizard-result-country")
TRANSLATED_PAGE_NAMES = dict.fromkeys(("ar", "fr", "es"), TRANSLATED_PAGES)
PAGE_TYPES += [
    in_language(page_type, code)
    for code, names in TRANSLATED_PAGE_NAMES.items()
    for page_type in list(PAGE_TYPES)
    if page_type.name in names
]

# Only the browser tests' URLconf has these: they fail on purpose.
ERROR_PAGE_TYPES = [
    PageType("error-400", literal("/__browser-tests__/400/"), 400, False),
    PageType("error-403", literal("/__browser-tests__/403/"), 403, False),
    PageType("error-500", literal("/__browser-tests__/500/"), 500, False),
]

BY_NAME = {page_type.name: page_type for page_type in PAGE_TYPES + ERROR_PAGE_TYPES}
