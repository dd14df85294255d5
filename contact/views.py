"""The public wizard: one question per page, answers kept only in the query string.

Nothing about the visitor is stored: no session, no cookie. The only write is
the anonymous per-day count of the outcome reached.
"""

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.http import require_safe

from contact.flow import (
    ANSWER_PARAM,
    MAX_ANSWERS,
    FlowGraph,
    Step,
    StepKind,
    answers_query,
    load_flow,
    resolve,
    validate_flow,
)
from contact.forms import (
    CHOICE_PARAM,
    COUNTRY_PARAM,
    QUESTION_PARAM,
    QuestionForm,
    ResultCountryForm,
)
from contact.models import Channel, OutcomeCount
from directory.lookup import InvalidCountry, lookup_country, normalise_code
from interpolinfo.version_memo import remember

# Query-string names of links (the forms' own names are in contact/forms.py).
SELECTED_PARAM = "selected"  # a Change link's old answer, shown selected
CHANGED_PARAM = "changed"  # set on the redirect after the flow changed under a link
# Results for someone holding a suspicious message: they link to the message checker.
CHECKER_OUTCOMES = {
    "scam-message",
    "report-scam-message",
    "clicked-link",
    "scam-paid",
    "scam-shared-data",
    "scam-paid-and-shared",
    "fake-local-police",
    "digital-arrest",
}


def wizard_url(name: str, answers: list[str], **extra: str) -> str:
    query = answers_query(answers=answers, **extra)
    return reverse(f"contact:{name}") + (f"?{query}" if query else "")


def carried_country(request: HttpRequest) -> str:
    """The country chosen earlier, carried in the query string; "" if none or not a country."""
    try:
        return normalise_code(request.GET.get(COUNTRY_PARAM, ""))
    except InvalidCountry:
        return ""


def checker_url(outcome_slug: str, *, country: str) -> str:
    """The message checker, keeping the country, for results about a suspicious message."""
    if outcome_slug not in CHECKER_OUTCOMES:
        return ""
    return reverse("checker:check") + (f"?{COUNTRY_PARAM}={country}" if country else "")


class SeeOther(HttpResponseRedirect):
    """After an answer, the browser fetches the next step with GET."""

    status_code = 303


@method_decorator(require_safe, name="dispatch")
class WizardView(View):
    """Shared steps: read the answers, load a valid flow, resolve, send to the right page."""

    page: str  # "question" or "result": the step kind this view shows

    def get(self, request: HttpRequest) -> HttpResponse:
        answers = request.GET.getlist(ANSWER_PARAM)
        if len(answers) > MAX_ANSWERS:
            raise Http404("More answers than any path has.")
        graph = self.load_graph()
        if graph is None:
            response = render(request, "contact/unavailable.html", status=503)
            response["Retry-After"] = "300"
            return response
        step = resolve(graph=graph, answers=answers)
        if step.kind == StepKind.BEYOND:
            raise Http404("Answers continue after a result.")
        country = {COUNTRY_PARAM: carried_country(request)}
        if step.kind == StepKind.CHANGED:
            return HttpResponseRedirect(
                wizard_url("question", step.answers, **{CHANGED_PARAM: "1"}, **country)
            )
        if step.kind == StepKind.OUTCOME and self.page != "result":
            return HttpResponseRedirect(wizard_url("result", step.answers, **country))
        if step.kind == StepKind.QUESTION and self.page != "question":
            return HttpResponseRedirect(wizard_url("question", step.answers, **country))
        response = self.show(request, graph=graph, step=step)
        response["X-Robots-Tag"] = "noindex"
        return response

    def load_graph(self) -> FlowGraph | None:
        """The flow if it is safe to serve, else None (the page says so calmly)."""
        with_details = self.page == "result"

        def valid_flow() -> FlowGraph | None:
            graph = load_flow(with_details=with_details)
            return graph if validate_flow(graph=graph).ok else None

        try:
            return remember(
                ("flow", with_details, get_language()),
                valid_flow,
                keep=lambda graph: graph is not None,
            )
        except DatabaseError:
            return None

    def show(self, request: HttpRequest, *, graph: FlowGraph, step: Step) -> HttpResponse:
        raise NotImplementedError

    def base_context(self, step: Step, canonical: str, *, country: str = "") -> dict:
        return {
            "step": step,
            "canonical_path": canonical,
            "answered": [
                {
                    "question": item.question,
                    "choice": item.choice,
                    "change_url": wizard_url(
                        "question",
                        step.answers[:position],
                        **{SELECTED_PARAM: item.choice.slug, COUNTRY_PARAM: country},
                    ),
                }
                for position, item in enumerate(step.answered)
            ],
        }


class QuestionView(WizardView):
    page = "question"

    def show(self, request: HttpRequest, *, graph: FlowGraph, step: Step) -> HttpResponse:
        question = step.question
        country = {COUNTRY_PARAM: carried_country(request)}
        submitted = QUESTION_PARAM in request.GET
        if submitted and request.GET[QUESTION_PARAM] != question.slug:
            # The page was shown for another question: the flow changed meanwhile.
            return HttpResponseRedirect(
                wizard_url("question", step.answers, **{CHANGED_PARAM: "1"}, **country)
            )
        form = QuestionForm(
            request.GET if submitted else None,
            question=question,
            answers=step.answers,
            country=country[COUNTRY_PARAM],
            selected=request.GET.get(SELECTED_PARAM, ""),
        )
        if form.is_valid():
            choice = question.choice(form.cleaned_data[CHOICE_PARAM])
            answers = [*step.answers, choice.slug]
            if choice.outcome_id is not None:
                OutcomeCount.record(outcome_id=choice.outcome_id)
                return SeeOther(wizard_url("result", answers, **country))
            return SeeOther(wizard_url("question", answers, **country))
        context = self.base_context(
            step, wizard_url("question", step.answers), country=country[COUNTRY_PARAM]
        )
        context.update(
            question=question,
            form=form,
            changed=request.GET.get(CHANGED_PARAM) == "1",
            start_url=reverse("contact:question"),
        )
        return render(request, "contact/question.html", context, status=400 if form.errors else 200)


class ResultView(WizardView):
    page = "result"

    def show(self, request: HttpRequest, *, graph: FlowGraph, step: Step) -> HttpResponse:
        outcome = step.outcome
        channels = remember(
            ("outcome-channels", outcome.id, get_language()),
            lambda: list(Channel.objects.filter(outcomes=outcome.id).order_by("kind", "name")),
        )
        form = ResultCountryForm(
            request.GET if COUNTRY_PARAM in request.GET else None, answers=step.answers
        )
        place = None
        code = ""
        if outcome.show_country_contacts and form.is_valid():
            code = form.cleaned_data["country"]
            kinds = outcome.channel_kinds
            place = remember(
                ("country", code, kinds, get_language()),
                lambda: lookup_country(code, kinds=kinds),
            )
            code = place.code if place else ""
        context = self.base_context(step, wizard_url("result", step.answers), country=code)
        context.update(
            outcome=outcome,
            channels=channels,
            form=form,
            place=place,
            country_code=code,
            start_url=reverse("contact:question"),
            checker_url=checker_url(outcome.slug, country=code),
        )
        status = 400 if form.is_bound and form.errors else 200
        return render(request, "contact/result.html", context, status=status)
