"""The wizard's logic as plain functions, one module per job.

- `graph`: the in-memory flow (frozen nodes) and `load_flow()`;
- `checks`: validation as a list of small named checks;
- `answers`: following a visitor's answers to a question or an outcome;
- `diagram`: the admin's drawing of the flow.
"""

from contact.flow.answers import (
    ANSWER_PARAM,
    MAX_ANSWERS,
    Answered,
    Step,
    StepKind,
    answers_query,
    resolve,
)
from contact.flow.checks import (
    FlowIssue,
    FlowReport,
    Problem,
    find_cycle,
    new_errors,
    reachable,
    validate_flow,
)
from contact.flow.diagram import DiagramNode, diagram
from contact.flow.graph import (
    ChoiceNode,
    FlowGraph,
    OutcomeNode,
    QuestionNode,
    load_flow,
    with_outcome,
    with_question,
)

__all__ = [
    "ANSWER_PARAM",
    "MAX_ANSWERS",
    "Answered",
    "ChoiceNode",
    "DiagramNode",
    "FlowGraph",
    "FlowIssue",
    "FlowReport",
    "OutcomeNode",
    "Problem",
    "QuestionNode",
    "Step",
    "StepKind",
    "answers_query",
    "diagram",
    "find_cycle",
    "load_flow",
    "new_errors",
    "reachable",
    "resolve",
    "validate_flow",
    "with_outcome",
    "with_question",
]
