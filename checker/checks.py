"""What the checker page shows: the signs found with their links, and the next steps.

Views call `run_check()`; it reads the signs, runs checker.matching, counts the
signs that fired (numbers only) and returns what the template needs. The text
lives only in the returned object, for the one response.
"""

import threading
from collections import deque
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from checker.export import rules_document
from checker.matching import (
    CompiledRules,
    Finding,
    Link,
    Report,
    Segment,
    check_message,
    compile_rules,
)
from checker.models import WarningSign, record_check
from contact.flow import FlowGraph, answers_query, load_flow
from interpolinfo.content_version import current_state

# The wizard results a person holding a suspicious message may need, by outcome key,
# each with the situation it is for. Results staff removed are simply not offered.
NEXT_STEPS = (
    ("scam-message", _("If you have not replied, clicked, paid or shared anything")),
    ("clicked-link", _("If you clicked a link or opened a file")),
    ("remote-access", _("If you installed an app, or someone can see or control your device")),
    ("scam-paid", _("If you paid money")),
    ("scam-shared-data", _("If you shared documents, passwords, codes or bank details")),
    ("report-scam-message", _("If you want to report the message")),
)


@dataclass(frozen=True)
class NextStep:
    situation: str
    title: str
    url: str


@dataclass(frozen=True)
class ShownSign:
    sign: WarningSign
    quotes: list[str]
    scam_types: list
    article: object | None


@dataclass
class CheckResult:
    report: Report
    signs: list[ShownSign] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        return self.report.segments()

    @property
    def links(self) -> tuple[Link, ...]:
        return self.report.links


def active_signs() -> list[WarningSign]:
    return list(
        WarningSign.objects.active()
        .select_related("article__topic", "outcome")
        .prefetch_related("scam_types")
    )


# The compiled rules of the latest content version this process saw: compiling takes
# tens of milliseconds, and any edit to a sign bumps the version (CONTENT_VERSION_APPS).
_compiled: dict[str, object] = {"version": None, "rules": None}
_compiled_lock = threading.Lock()


def compiled_rules(signs: list[WarningSign]) -> CompiledRules:
    return compile_rules(sign.rule() for sign in signs)


def cached_rules(signs: list[WarningSign]) -> CompiledRules:
    """`compiled_rules(signs)`, reused while the content version stays the same."""
    try:
        state = current_state()
        version = (state.version, state.changed_at)
    except DatabaseError:
        return compiled_rules(signs)
    with _compiled_lock:
        if _compiled["version"] == version:
            return _compiled["rules"]
    rules = compiled_rules(signs)
    with _compiled_lock:
        _compiled.update(version=version, rules=rules)
    return rules


def answer_paths(graph: FlowGraph) -> dict[str, list[str]]:
    """The fewest answers that reach each outcome, by outcome key (choices in order)."""
    start = graph.start
    if start is None:
        return {}
    paths: dict[str, list[str]] = {}
    seen = {start.id}
    queue: deque[tuple[int, list[str]]] = deque([(start.id, [])])
    while queue:
        question_id, answers = queue.popleft()
        for choice in graph.questions[question_id].choices:
            route = [*answers, choice.slug]
            if choice.outcome_id is not None:
                outcome = graph.outcomes.get(choice.outcome_id)
                if outcome is not None:
                    paths.setdefault(outcome.slug, route)
            elif choice.next_question_id in graph.questions and choice.next_question_id not in seen:
                seen.add(choice.next_question_id)
                queue.append((choice.next_question_id, route))
    return paths


BECAUSE = _("Because of what this message says")


def _wizard_routes() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Answers leading to each outcome, and each outcome's title, by outcome key."""
    graph = load_flow()
    return answer_paths(graph), {outcome.slug: outcome.title for outcome in graph.outcomes.values()}


def _step(key: str, situation, *, routes, country: str) -> NextStep | None:
    paths, titles = routes
    if key not in paths:
        return None
    query = answers_query(answers=paths[key], country=country)
    return NextStep(str(situation), titles[key], f"{reverse('contact:result')}?{query}")


def next_steps(*, country: str, first: list[tuple[str, str]] = ()) -> list[NextStep]:
    """Links into the wizard's results, with the visitor's country if they chose one.

    `first` are (outcome key, situation) pairs the signs found point to.
    """
    routes = _wizard_routes()
    steps: list[NextStep] = []
    for key, situation in [*first, *NEXT_STEPS]:
        step = _step(key, situation, routes=routes, country=country)
        if step is not None and all(step.title != other.title for other in steps):
            steps.append(step)
    return steps


@sensitive_variables("text")
def run_check(*, text: str, country: str = "", count: bool = True) -> CheckResult:
    """Check `text` against every sign in use; count the signs found (never the text)."""
    signs = active_signs()
    by_key = {sign.key: sign for sign in signs}
    report = check_message(
        text=text,
        compiled=cached_rules(signs),
        official_domains=settings.CONTACT_URL_ALLOWED_DOMAINS,
    )
    # A sign changed between reading the version and the signs is simply not shown.
    findings = [finding for finding in report.findings if finding.key in by_key]
    if count:
        record_check(sign_ids=[by_key[finding.key].pk for finding in findings])
    shown = [_shown(by_key[finding.key], finding, text) for finding in findings]
    first = [(item.sign.outcome.slug, BECAUSE) for item in shown if item.sign.outcome is not None]
    return CheckResult(
        report=report, signs=shown, next_steps=next_steps(country=country, first=first)
    )


def _read_more(sign: WarningSign) -> list:
    scams = [scam for scam in sign.scam_types.all() if scam.is_live]
    article = sign.article if sign.article is not None and sign.article.is_live else None
    return scams + ([article] if article else [])


def _shown(sign: WarningSign, finding: Finding, text: str) -> ShownSign:
    article = sign.article if sign.article is not None and sign.article.is_live else None
    return ShownSign(
        sign=sign,
        quotes=finding.quotes(text),
        scam_types=[scam for scam in sign.scam_types.all() if scam.is_live],
        article=article,
    )


def browser_document(*, country: str) -> dict:
    """The rules and what the page shows with them, for the in-browser check: the rule
    format of checker/export.py plus each sign's text in the page's language."""
    signs = active_signs()
    document = rules_document(
        rules=[sign.rule() for sign in signs],
        official_domains=settings.CONTACT_URL_ALLOWED_DOMAINS,
    )
    routes = _wizard_routes()
    sign_steps = {
        sign.key: _step(sign.outcome.slug, BECAUSE, routes=routes, country=country)
        for sign in signs
        if sign.outcome is not None
    }
    document["signs"] = {
        sign.key: {
            "name": sign.name,
            "explanation": sign.explanation,
            "read_more": [
                {"title": item.title, "url": item.get_absolute_url()} for item in _read_more(sign)
            ],
            "next_step": asdict(sign_steps[sign.key]) if sign_steps.get(sign.key) else None,
        }
        for sign in signs
    }
    document["next_steps"] = [
        asdict(step)
        for key, situation in NEXT_STEPS
        if (step := _step(key, situation, routes=routes, country=country))
    ]
    return document
