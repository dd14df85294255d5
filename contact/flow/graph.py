"""The wizard's flow as an in-memory graph of frozen dataclasses.

`load_flow()` reads the whole graph in three queries; everything else in this
package is pure Python on these nodes, so it is tested without HTTP or a
database and the admin can validate an edit before saving it.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Count

from contact.models import Choice, OffersCountryContacts, Outcome, Question


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
class OutcomeNode(OffersCountryContacts):
    id: int
    slug: str
    title: str
    channel_count: int = 0
    no_channel_reason: str = ""
    # Filled only by load_flow(with_details=True), for the result page.
    summary: str = ""
    body_html: str = ""
    urgency: str = ""
    country_kinds: tuple[str, ...] = ()

    @property
    def urgency_label(self) -> str:
        """What the result page's badge says, in the visitor's language."""
        return Outcome.Urgency(self.urgency).label if self.urgency else ""


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
        outcome_fields += ["summary", "body_html", "urgency", "country_kinds"]
    outcomes = {
        row["id"]: OutcomeNode(**{**row, "country_kinds": tuple(row.get("country_kinds") or ())})
        for row in Outcome.objects.annotate(channel_count=Count("channels")).values(*outcome_fields)
    }
    return FlowGraph(questions=questions, outcomes=outcomes)


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
    """The graph as it would be after saving `outcome`."""
    return replace(graph, outcomes={**graph.outcomes, outcome.id: outcome})
