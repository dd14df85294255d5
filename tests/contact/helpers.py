"""Helpers only the tests use."""

from contact.flow import FlowGraph


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
