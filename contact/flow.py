"""The wizard's logic as plain functions over an in-memory copy of the flow.

`load_flow()` reads the whole graph in three queries; everything else here is
pure Python on frozen dataclasses, so it is tested without HTTP or a database
and the admin can validate an edit before saving it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from urllib.parse import urlencode

from django.db.models import Count
from django.utils.translation import gettext as _

from contact.models import Choice, Outcome, Question

ANSWER_PARAM = "a"
# Longer than any real path; a longer query string is refused before any work.
MAX_ANSWERS = 40


@dataclass(frozen=True)
class ChoiceNode:
    id: int
    slug: str
    label: str
    question_id: int
    next_question_id: int | None
    outcome_id: int | None
    hint: str = ""
    order: int = 0


@dataclass(frozen=True)
class QuestionNode:
    id: int
    slug: str
    text: str
    choices: tuple[ChoiceNode, ...] = ()
    hint: str = ""
    is_start: bool = False

    def choice(self, slug: str) -> ChoiceNode | None:
        return next((choice for choice in self.choices if choice.slug == slug), None)


@dataclass(frozen=True)
class OutcomeNode:
    id: int
    slug: str
    title: str
    channel_count: int = 0
    no_channel_reason: str = ""
    # Filled only by load_flow(with_details=True), for the result page.
    summary: str = ""
    body_html: str = ""
    urgency: str = ""
    show_country_contacts: bool = False


@dataclass(frozen=True)
class FlowGraph:
    questions: dict[int, QuestionNode] = field(default_factory=dict)
    outcomes: dict[int, OutcomeNode] = field(default_factory=dict)

    @property
    def start(self) -> QuestionNode | None:
        starts = [question for question in self.questions.values() if question.is_start]
        return starts[0] if len(starts) == 1 else None


def load_flow(*, with_details: bool = False) -> FlowGraph:
    """Read every question, choice and outcome: three queries whatever the size.

    `with_details` also reads the outcomes' texts, which only the result page shows.
    """
    choices_by_question: dict[int, list[ChoiceNode]] = {}
    for row in Choice.objects.order_by("order", "pk").values(
        "id", "slug", "label", "hint", "order", "question_id", "next_question_id", "outcome_id"
    ):
        choices_by_question.setdefault(row["question_id"], []).append(ChoiceNode(**row))
    questions = {
        row["id"]: QuestionNode(**row, choices=tuple(choices_by_question.get(row["id"], ())))
        for row in Question.objects.values("id", "slug", "text", "hint", "is_start")
    }
    outcome_fields = ["id", "slug", "title", "channel_count", "no_channel_reason"]
    if with_details:
        outcome_fields += ["summary", "body_html", "urgency", "show_country_contacts"]
    outcomes = {
        row["id"]: OutcomeNode(**row)
        for row in Outcome.objects.annotate(channel_count=Count("channels")).values(*outcome_fields)
    }
    return FlowGraph(questions=questions, outcomes=outcomes)


# --- Validation ---------------------------------------------------------------------------


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


def validate_flow(*, graph: FlowGraph) -> FlowReport:
    """Check the whole graph; errors mean the public wizard must not serve it.

    Rules: exactly one first question; every choice leads to exactly one
    existing question or outcome; choice keys unique within a question; no
    cycles; every reachable question has choices; every outcome has a channel or
    an explicit reason for none. Unreachable questions and outcomes are warnings.
    """
    issues: list[FlowIssue] = []
    starts = [question for question in graph.questions.values() if question.is_start]
    if not starts:
        issues.append(
            FlowIssue(Problem.NO_START, _("No question is marked as the first question."))
        )
    elif len(starts) > 1:
        issues.append(
            FlowIssue(
                Problem.SEVERAL_STARTS,
                _("Several questions are marked as the first question: %(names)s.")
                % {"names": ", ".join(f"“{q.text}”" for q in starts)},
            )
        )

    for question in graph.questions.values():
        seen_slugs: set[str] = set()
        for choice in question.choices:
            subject = f"“{question.text}” → “{choice.label}”"
            if choice.slug in seen_slugs:
                issues.append(
                    FlowIssue(
                        Problem.DUPLICATE_CHOICE_KEY,
                        _("%(subject)s: two answers share the key “%(slug)s”.")
                        % {"subject": subject, "slug": choice.slug},
                        subject,
                    )
                )
            seen_slugs.add(choice.slug)
            if choice.next_question_id is None and choice.outcome_id is None:
                issues.append(
                    FlowIssue(
                        Problem.CHOICE_LEADS_NOWHERE,
                        _("%(subject)s leads nowhere: choose a next question or an outcome.")
                        % {"subject": subject},
                        subject,
                    )
                )
            elif choice.next_question_id is not None and choice.outcome_id is not None:
                issues.append(
                    FlowIssue(
                        Problem.CHOICE_LEADS_TO_BOTH,
                        _("%(subject)s leads to both a question and an outcome: keep one.")
                        % {"subject": subject},
                        subject,
                    )
                )
            elif (
                choice.next_question_id is not None
                and choice.next_question_id not in graph.questions
            ) or (choice.outcome_id is not None and choice.outcome_id not in graph.outcomes):
                issues.append(
                    FlowIssue(
                        Problem.CHOICE_TARGET_MISSING,
                        _("%(subject)s leads to a record that no longer exists.")
                        % {"subject": subject},
                        subject,
                    )
                )

    cycle = find_cycle(graph=graph)
    if cycle:
        names = " → ".join(f"“{graph.questions[qid].text}”" for qid in cycle)
        issues.append(
            FlowIssue(
                Problem.CYCLE,
                _("The questions go round in a circle: %(names)s.") % {"names": names},
            )
        )

    for outcome in graph.outcomes.values():
        if outcome.channel_count == 0 and not outcome.no_channel_reason.strip():
            issues.append(
                FlowIssue(
                    Problem.OUTCOME_WITHOUT_CHANNEL,
                    _("Outcome “%(title)s” has no channel and no reason for having none.")
                    % {"title": outcome.title},
                    f"outcome:{outcome.slug}",
                )
            )

    reachable_questions, reachable_outcomes = reachable(graph=graph)
    for question in graph.questions.values():
        if question.id not in reachable_questions:
            issues.append(
                FlowIssue(
                    Problem.UNREACHABLE_QUESTION,
                    _("Question “%(text)s” is not reached by any answer yet.")
                    % {"text": question.text},
                    f"question:{question.slug}",
                )
            )
        elif not question.choices:
            issues.append(
                FlowIssue(
                    Problem.QUESTION_WITHOUT_CHOICES,
                    _("Question “%(text)s” has no answers: visitors would be stuck.")
                    % {"text": question.text},
                    f"question:{question.slug}",
                )
            )
    for outcome in graph.outcomes.values():
        if outcome.id not in reachable_outcomes:
            issues.append(
                FlowIssue(
                    Problem.UNREACHABLE_OUTCOME,
                    _("Outcome “%(title)s” is not reached by any answer yet.")
                    % {"title": outcome.title},
                    f"outcome:{outcome.slug}",
                )
            )
    return FlowReport(issues=tuple(issues))


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


def new_errors(*, before: FlowReport, after: FlowReport) -> list[FlowIssue]:
    """Errors in `after` that `before` did not have: what an edit would break."""
    known = {(issue.problem, issue.subject) for issue in before.errors}
    return [issue for issue in after.errors if (issue.problem, issue.subject) not in known]


def with_question(*, graph: FlowGraph, question: QuestionNode) -> FlowGraph:
    """The graph as it would be after saving `question` (with its choices).

    Making a question the start takes the start away from the old one, as the
    admin does on save.
    """
    questions = {
        qid: (replace(node, is_start=False) if question.is_start else node)
        for qid, node in graph.questions.items()
        if qid != question.id
    }
    questions[question.id] = question
    return replace(graph, questions=questions)


def with_outcome(*, graph: FlowGraph, outcome: OutcomeNode) -> FlowGraph:
    return replace(graph, outcomes={**graph.outcomes, outcome.id: outcome})


# --- Resolving a visitor's answers --------------------------------------------------------


class StepKind(StrEnum):
    QUESTION = "question"
    OUTCOME = "outcome"
    # An answer in the link is not (or no longer) a choice of its question.
    CHANGED = "changed"
    # Answers continue after an outcome was already reached.
    BEYOND = "beyond"


@dataclass(frozen=True)
class Answered:
    question: QuestionNode
    choice: ChoiceNode


@dataclass(frozen=True)
class Step:
    kind: StepKind
    answered: tuple[Answered, ...]
    question: QuestionNode | None = None
    outcome: OutcomeNode | None = None

    @property
    def answers(self) -> list[str]:
        return [item.choice.slug for item in self.answered]


def resolve(*, graph: FlowGraph, answers: Sequence[str]) -> Step:
    """Follow `answers` (choice keys) from the first question.

    Returns the question to ask next, the outcome reached, or where the path
    stops making sense: CHANGED at the question whose answer is unknown (its
    valid answers so far kept), BEYOND when answers go on after an outcome.
    Expects a graph that `validate_flow` accepted.
    """
    question = graph.start
    if question is None:
        raise ValueError("The flow has no single first question.")
    answered: list[Answered] = []
    for position, slug in enumerate(answers):
        choice = question.choice(slug)
        if choice is None:
            return Step(StepKind.CHANGED, tuple(answered), question=question)
        answered.append(Answered(question, choice))
        if choice.outcome_id is not None:
            outcome = graph.outcomes[choice.outcome_id]
            kind = StepKind.OUTCOME if position == len(answers) - 1 else StepKind.BEYOND
            return Step(kind, tuple(answered), outcome=outcome)
        question = graph.questions[choice.next_question_id]
    return Step(StepKind.QUESTION, tuple(answered), question=question)


def answers_query(*, answers: Iterable[str], **extra: str) -> str:
    """The canonical query string for `answers`, e.g. "a=scam-message&a=asks-money"."""
    pairs = [(ANSWER_PARAM, slug) for slug in answers]
    pairs += [(key, value) for key, value in extra.items() if value]
    return urlencode(pairs)


def paths_to_outcomes(*, graph: FlowGraph) -> dict[tuple[str, ...], str]:
    """Every answer path from the start to an outcome, as {answers: outcome slug}."""
    paths: dict[tuple[str, ...], str] = {}
    start = graph.start
    pending: list[tuple[int, tuple[str, ...]]] = [(start.id, ())] if start else []
    while pending:
        question_id, prefix = pending.pop()
        for choice in graph.questions[question_id].choices:
            answers = (*prefix, choice.slug)
            if choice.outcome_id is not None:
                paths[answers] = graph.outcomes[choice.outcome_id].slug
            elif choice.next_question_id is not None:
                pending.append((choice.next_question_id, answers))
    return paths


# --- Diagram ------------------------------------------------------------------------------


@dataclass
class DiagramNode:
    """One box of the admin diagram; `seen` marks a question already drawn above."""

    kind: str
    id: int
    label: str
    seen: bool = False
    branches: list[tuple[ChoiceNode, "DiagramNode"]] = field(default_factory=list)


def diagram(*, graph: FlowGraph) -> DiagramNode | None:
    """A tree from the first question; a question reached twice is drawn once."""
    start = graph.start
    if start is None:
        return None
    drawn: set[int] = set()

    def draw(question: QuestionNode) -> DiagramNode:
        node = DiagramNode("question", question.id, question.text, seen=question.id in drawn)
        if node.seen:
            return node
        drawn.add(question.id)
        for choice in question.choices:
            if choice.outcome_id in graph.outcomes:
                outcome = graph.outcomes[choice.outcome_id]
                node.branches.append((choice, DiagramNode("outcome", outcome.id, outcome.title)))
            elif choice.next_question_id in graph.questions:
                node.branches.append((choice, draw(graph.questions[choice.next_question_id])))
        return node

    if find_cycle(graph=graph):
        return DiagramNode("question", start.id, start.text)
    return draw(start)
