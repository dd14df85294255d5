"""Following a visitor's answers (choice keys in the query string) through the flow."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlencode

from contact.flow.graph import ChoiceNode, FlowGraph, OutcomeNode, QuestionNode

ANSWER_PARAM = "a"
# Longer than any real path; a longer query string is refused before any work.
MAX_ANSWERS = 40


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
