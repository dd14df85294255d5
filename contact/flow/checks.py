"""Validation of the flow as a list of small named checks.

Each check takes the graph and yields what it finds wrong; `validate_flow` runs
them all. Errors mean the public wizard must not serve the flow; warnings
(unreachable records) are drafts staff are still linking up.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from contact.flow.graph import FlowGraph


class Problem(StrEnum):
    NO_START = "no_start"
    SEVERAL_STARTS = "several_starts"
    CHOICE_LEADS_NOWHERE = "choice_leads_nowhere"
    CHOICE_LEADS_TO_BOTH = "choice_leads_to_both"
    CHOICE_TARGET_MISSING = "choice_target_missing"
    DUPLICATE_CHOICE_KEY = "duplicate_choice_key"
    QUESTION_WITHOUT_CHOICES = "question_without_choices"
    CYCLE = "cycle"
    OUTCOME_WITHOUT_CHANNEL = "outcome_without_channel"
    UNREACHABLE_QUESTION = "unreachable_question"
    UNREACHABLE_OUTCOME = "unreachable_outcome"


# Unreachable records are drafts: visitors can never land on them, and staff must
# be able to create a question before linking a choice to it.
WARNINGS = {Problem.UNREACHABLE_QUESTION, Problem.UNREACHABLE_OUTCOME}


@dataclass(frozen=True)
class FlowIssue:
    problem: Problem
    message: str
    subject: str = ""

    @property
    def is_error(self) -> bool:
        return self.problem not in WARNINGS


@dataclass(frozen=True)
class FlowReport:
    issues: tuple[FlowIssue, ...]

    @property
    def errors(self) -> list[FlowIssue]:
        return [issue for issue in self.issues if issue.is_error]

    @property
    def warnings(self) -> list[FlowIssue]:
        return [issue for issue in self.issues if not issue.is_error]

    @property
    def ok(self) -> bool:
        """True when visitors can be served: no errors (warnings allowed)."""
        return not self.errors

    def problems(self) -> set[Problem]:
        return {issue.problem for issue in self.issues}


Check = Callable[[FlowGraph], Iterator[FlowIssue]]


def one_first_question(graph: FlowGraph) -> Iterator[FlowIssue]:
    starts = [question for question in graph.questions.values() if question.is_start]
    if not starts:
        yield FlowIssue(Problem.NO_START, _("No question is marked as the first question."))
    elif len(starts) > 1:
        yield FlowIssue(
            Problem.SEVERAL_STARTS,
            _("Several questions are marked as the first question: %(names)s.")
            % {"names": ", ".join(f"“{q.text}”" for q in starts)},
        )


def answer_keys_unique(graph: FlowGraph) -> Iterator[FlowIssue]:
    for question in graph.questions.values():
        seen: set[str] = set()
        for choice in question.choices:
            if choice.slug in seen:
                subject = f"“{question.text}” → “{choice.label}”"
                yield FlowIssue(
                    Problem.DUPLICATE_CHOICE_KEY,
                    _("%(subject)s: two answers share the key “%(slug)s”.")
                    % {"subject": subject, "slug": choice.slug},
                    subject,
                )
            seen.add(choice.slug)


def every_answer_leads_somewhere(graph: FlowGraph) -> Iterator[FlowIssue]:
    """Each answer leads to exactly one question or outcome that exists."""
    for question in graph.questions.values():
        for choice in question.choices:
            subject = f"“{question.text}” → “{choice.label}”"
            to_question, to_outcome = choice.next_question_id, choice.outcome_id
            if to_question is None and to_outcome is None:
                message = _("%(subject)s leads nowhere: choose a next question or an outcome.")
                problem = Problem.CHOICE_LEADS_NOWHERE
            elif to_question is not None and to_outcome is not None:
                message = _("%(subject)s leads to both a question and an outcome: keep one.")
                problem = Problem.CHOICE_LEADS_TO_BOTH
            elif (to_question is not None and to_question not in graph.questions) or (
                to_outcome is not None and to_outcome not in graph.outcomes
            ):
                message = _("%(subject)s leads to a record that no longer exists.")
                problem = Problem.CHOICE_TARGET_MISSING
            else:
                continue
            yield FlowIssue(problem, message % {"subject": subject}, subject)


def no_cycle(graph: FlowGraph) -> Iterator[FlowIssue]:
    cycle = find_cycle(graph=graph)
    if cycle:
        names = " → ".join(f"“{graph.questions[qid].text}”" for qid in cycle)
        yield FlowIssue(
            Problem.CYCLE, _("The questions go round in a circle: %(names)s.") % {"names": names}
        )


def every_outcome_has_a_channel(graph: FlowGraph) -> Iterator[FlowIssue]:
    """Or says plainly why it has none."""
    for outcome in graph.outcomes.values():
        if outcome.channel_count == 0 and not outcome.no_channel_reason.strip():
            yield FlowIssue(
                Problem.OUTCOME_WITHOUT_CHANNEL,
                _("Outcome “%(title)s” has no channel and no reason for having none.")
                % {"title": outcome.title},
                f"outcome:{outcome.slug}",
            )


def questions_reached_and_answerable(graph: FlowGraph) -> Iterator[FlowIssue]:
    reachable_questions, _outcomes = reachable(graph=graph)
    for question in graph.questions.values():
        if question.id not in reachable_questions:
            yield FlowIssue(
                Problem.UNREACHABLE_QUESTION,
                _("Question “%(text)s” is not reached by any answer yet.")
                % {"text": question.text},
                f"question:{question.slug}",
            )
        elif not question.choices:
            yield FlowIssue(
                Problem.QUESTION_WITHOUT_CHOICES,
                _("Question “%(text)s” has no answers: visitors would be stuck.")
                % {"text": question.text},
                f"question:{question.slug}",
            )


def outcomes_reached(graph: FlowGraph) -> Iterator[FlowIssue]:
    _questions, reachable_outcomes = reachable(graph=graph)
    for outcome in graph.outcomes.values():
        if outcome.id not in reachable_outcomes:
            yield FlowIssue(
                Problem.UNREACHABLE_OUTCOME,
                _("Outcome “%(title)s” is not reached by any answer yet.")
                % {"title": outcome.title},
                f"outcome:{outcome.slug}",
            )


CHECKS: tuple[Check, ...] = (
    one_first_question,
    answer_keys_unique,
    every_answer_leads_somewhere,
    no_cycle,
    every_outcome_has_a_channel,
    questions_reached_and_answerable,
    outcomes_reached,
)


def validate_flow(*, graph: FlowGraph) -> FlowReport:
    """Run every check over the whole graph."""
    return FlowReport(issues=tuple(issue for check in CHECKS for issue in check(graph)))


def new_errors(*, before: FlowReport, after: FlowReport) -> list[FlowIssue]:
    """Errors in `after` that `before` did not have: what an edit would break."""
    known = {(issue.problem, issue.subject) for issue in before.errors}
    return [issue for issue in after.errors if (issue.problem, issue.subject) not in known]


def reachable(*, graph: FlowGraph) -> tuple[set[int], set[int]]:
    """Ids of the questions and outcomes a visitor can reach from the start."""
    questions: set[int] = set()
    outcomes: set[int] = set()
    start = graph.start
    pending = [start.id] if start else []
    while pending:
        question_id = pending.pop()
        if question_id in questions or question_id not in graph.questions:
            continue
        questions.add(question_id)
        for choice in graph.questions[question_id].choices:
            if choice.next_question_id is not None:
                pending.append(choice.next_question_id)
            if choice.outcome_id is not None and choice.outcome_id in graph.outcomes:
                outcomes.add(choice.outcome_id)
    return questions, outcomes


def find_cycle(*, graph: FlowGraph) -> list[int]:
    """Question ids of one cycle (first id repeated at the end), or [] if none."""
    done: set[int] = set()
    for root in graph.questions:
        if root in done:
            continue
        # Iterative depth-first search keeping the current path, so deep flows
        # cannot hit Python's recursion limit.
        path: list[int] = [root]
        on_path = {root}
        iterators = [iter(_next_questions(graph, root))]
        while iterators:
            nxt = next(iterators[-1], None)
            if nxt is None:
                iterators.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
                continue
            if nxt in on_path:
                return [*path[path.index(nxt) :], nxt]
            if nxt in done or nxt not in graph.questions:
                continue
            path.append(nxt)
            on_path.add(nxt)
            iterators.append(iter(_next_questions(graph, nxt)))
    return []


def _next_questions(graph: FlowGraph, question_id: int) -> list[int]:
    return [
        choice.next_question_id
        for choice in graph.questions[question_id].choices
        if choice.next_question_id is not None
    ]
