"""The admin's drawing of the flow: a tree from the first question."""

from dataclasses import dataclass, field

from contact.flow.checks import find_cycle
from contact.flow.graph import ChoiceNode, FlowGraph, QuestionNode


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
