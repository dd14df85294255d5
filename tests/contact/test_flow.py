"""The flow logic, without HTTP: validation of every kind of broken graph, and routing."""

import pytest

from contact.flow import (
    ChoiceNode,
    FlowGraph,
    OutcomeNode,
    Problem,
    QuestionNode,
    StepKind,
    load_flow,
    new_errors,
    resolve,
    validate_flow,
    with_question,
)
from contact.starter import OUTCOMES, QUESTIONS
from tests.contact.helpers import paths_to_outcomes

# Same on any database (flow validation in Python): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database


def choice(cid, slug, question_id, *, to_question=None, to_outcome=None):
    return ChoiceNode(cid, slug, slug.title(), question_id, to_question, to_outcome)


def graph(questions, outcomes=None):
    """A small graph: questions as {id: (slug, is_start, [choices])}."""
    return FlowGraph(
        questions={
            qid: QuestionNode(qid, slug, f"Question {slug}", tuple(choices), is_start=start)
            for qid, (slug, start, choices) in questions.items()
        },
        outcomes=outcomes
        if outcomes is not None
        else {
            1: OutcomeNode(1, "police", "Police", channel_count=1),
            2: OutcomeNode(2, "ccf", "CCF", channel_count=1),
        },
    )


def valid_graph():
    """Start (1) -> scam -> question 2 -> paid/not-paid; start -> data -> outcome 2."""
    return graph(
        {
            1: (
                "start",
                True,
                [choice(1, "scam", 1, to_question=2), choice(2, "data", 1, to_outcome=2)],
            ),
            2: (
                "paid",
                False,
                [choice(3, "yes", 2, to_outcome=1), choice(4, "no", 2, to_outcome=1)],
            ),
        }
    )


def test_a_well_formed_graph_has_no_issues():
    report = validate_flow(graph=valid_graph())
    assert report.issues == ()
    assert report.ok


def test_a_graph_without_a_first_question_is_rejected():
    broken = graph({1: ("start", False, [choice(1, "x", 1, to_outcome=1)])})
    report = validate_flow(graph=broken)
    assert not report.ok
    assert Problem.NO_START in report.problems()


def test_a_graph_with_two_first_questions_is_rejected():
    broken = graph(
        {
            1: ("one", True, [choice(1, "x", 1, to_outcome=1)]),
            2: ("two", True, [choice(2, "y", 2, to_outcome=2)]),
        }
    )
    report = validate_flow(graph=broken)
    assert not report.ok
    assert Problem.SEVERAL_STARTS in report.problems()


def test_a_choice_leading_nowhere_is_rejected():
    broken = graph(
        {1: ("start", True, [choice(1, "x", 1, to_outcome=1), choice(2, "lost", 1)])},
        outcomes={1: OutcomeNode(1, "police", "Police", channel_count=1)},
    )
    report = validate_flow(graph=broken)
    assert not report.ok
    assert Problem.CHOICE_LEADS_NOWHERE in report.problems()


def test_a_choice_leading_to_both_a_question_and_an_outcome_is_rejected():
    broken = graph(
        {
            1: ("start", True, [choice(1, "both", 1, to_question=2, to_outcome=1)]),
            2: ("next", False, [choice(2, "y", 2, to_outcome=2)]),
        }
    )
    report = validate_flow(graph=broken)
    assert not report.ok
    assert Problem.CHOICE_LEADS_TO_BOTH in report.problems()


def test_a_choice_leading_to_a_missing_record_is_rejected():
    broken = graph({1: ("start", True, [choice(1, "x", 1, to_outcome=99)])}, outcomes={})
    report = validate_flow(graph=broken)
    assert not report.ok
    assert Problem.CHOICE_TARGET_MISSING in report.problems()


def test_two_answers_with_the_same_key_are_rejected():
    broken = graph(
        {1: ("start", True, [choice(1, "x", 1, to_outcome=1), choice(2, "x", 1, to_outcome=2)])}
    )
    report = validate_flow(graph=broken)
    assert not report.ok
    assert Problem.DUPLICATE_CHOICE_KEY in report.problems()


def test_a_cycle_is_rejected():
    broken = graph(
        {
            1: ("start", True, [choice(1, "go", 1, to_question=2)]),
            2: (
                "two",
                False,
                [choice(2, "on", 2, to_question=3), choice(3, "end", 2, to_outcome=1)],
            ),
            3: (
                "three",
                False,
                [choice(4, "back", 3, to_question=2), choice(5, "e", 3, to_outcome=2)],
            ),
        }
    )
    report = validate_flow(graph=broken)
    assert not report.ok
    cycle = next(issue for issue in report.errors if issue.problem == Problem.CYCLE)
    assert "Question two" in cycle.message
    assert "Question three" in cycle.message


def test_a_question_answering_itself_is_a_cycle():
    broken = graph(
        {
            1: (
                "start",
                True,
                [choice(1, "again", 1, to_question=1), choice(2, "x", 1, to_outcome=1)],
            )
        },
        outcomes={1: OutcomeNode(1, "police", "Police", channel_count=1)},
    )
    assert Problem.CYCLE in validate_flow(graph=broken).problems()


def test_a_reachable_question_without_answers_is_rejected():
    broken = graph(
        {
            1: (
                "start",
                True,
                [choice(1, "go", 1, to_question=2), choice(2, "x", 1, to_outcome=1)],
            ),
            2: ("stuck", False, []),
        },
        outcomes={1: OutcomeNode(1, "police", "Police", channel_count=1)},
    )
    report = validate_flow(graph=broken)
    assert not report.ok
    assert Problem.QUESTION_WITHOUT_CHOICES in report.problems()


def test_an_outcome_without_channel_or_reason_is_rejected():
    outcomes = {1: OutcomeNode(1, "police", "Police", channel_count=0)}
    broken = graph({1: ("start", True, [choice(1, "x", 1, to_outcome=1)])}, outcomes=outcomes)
    report = validate_flow(graph=broken)
    assert not report.ok
    assert Problem.OUTCOME_WITHOUT_CHANNEL in report.problems()


def test_an_outcome_with_an_explicit_reason_needs_no_channel():
    outcomes = {
        1: OutcomeNode(1, "emergency", "Call", no_channel_reason="Call the emergency number.")
    }
    fine = graph({1: ("start", True, [choice(1, "x", 1, to_outcome=1)])}, outcomes=outcomes)
    assert validate_flow(graph=fine).ok


def test_unreachable_questions_and_outcomes_are_reported_as_drafts_not_errors():
    draft = graph(
        {
            1: ("start", True, [choice(1, "x", 1, to_outcome=1)]),
            2: ("draft", False, []),
        }
    )
    report = validate_flow(graph=draft)
    assert report.ok
    assert {issue.problem for issue in report.warnings} == {
        Problem.UNREACHABLE_QUESTION,
        Problem.UNREACHABLE_OUTCOME,
    }


def test_new_errors_lists_only_what_an_edit_breaks():
    before = valid_graph()
    edited = with_question(
        graph=before, question=QuestionNode(2, "paid", "Question paid", (), is_start=False)
    )
    broken = new_errors(before=validate_flow(graph=before), after=validate_flow(graph=edited))
    assert [issue.problem for issue in broken] == [Problem.QUESTION_WITHOUT_CHOICES]


def test_making_a_question_the_start_takes_the_start_from_the_old_one():
    before = valid_graph()
    moved = with_question(
        graph=before,
        question=before.questions[2].__class__(
            2, "paid", "Question paid", before.questions[2].choices, is_start=True
        ),
    )
    assert moved.start.id == 2
    assert not moved.questions[1].is_start


def test_resolving_follows_answers_to_the_next_question_and_to_the_outcome():
    flow = valid_graph()
    assert resolve(graph=flow, answers=[]).question.slug == "start"
    assert resolve(graph=flow, answers=["scam"]).question.slug == "paid"
    step = resolve(graph=flow, answers=["scam", "yes"])
    assert step.kind == StepKind.OUTCOME
    assert step.outcome.slug == "police"
    assert step.answers == ["scam", "yes"]


def test_resolving_an_unknown_answer_stops_at_its_question_keeping_earlier_answers():
    step = resolve(graph=valid_graph(), answers=["scam", "deleted-choice", "yes"])
    assert step.kind == StepKind.CHANGED
    assert step.question.slug == "paid"
    assert step.answers == ["scam"]


def test_resolving_answers_after_an_outcome_is_beyond_the_flow():
    step = resolve(graph=valid_graph(), answers=["data", "more"])
    assert step.kind == StepKind.BEYOND


# --- The starter flow ---------------------------------------------------------------------

# Every path through the starter flow and the outcome it must end on.
GOLDEN_PATHS = {
    ("danger-now",): "emergency",
    ("message", "money", "nothing-yet"): "scam-message",
    ("message", "money", "report-message"): "report-scam-message",
    ("message", "money", "clicked-link"): "clicked-link",
    ("message", "money", "installed-app"): "remote-access",
    ("message", "money", "paid"): "scam-paid",
    ("message", "money", "shared-details"): "scam-shared-data",
    ("message", "money", "paid-and-shared"): "scam-paid-and-shared",
    ("message", "local-police"): "fake-local-police",
    ("message", "video-call"): "digital-arrest",
    ("message", "sexual-images"): "sextortion",
    ("message", "not-sure", "nothing-yet"): "scam-message",
    ("message", "not-sure", "report-message"): "report-scam-message",
    ("message", "not-sure", "clicked-link"): "clicked-link",
    ("message", "not-sure", "installed-app"): "remote-access",
    ("message", "not-sure", "paid"): "scam-paid",
    ("message", "not-sure", "shared-details"): "scam-shared-data",
    ("message", "not-sure", "paid-and-shared"): "scam-paid-and-shared",
    ("report-crime", "yes"): "emergency",
    ("report-crime", "no"): "report-crime",
    ("wanted-person",): "wanted-person",
    ("missing-person",): "missing-person",
    ("data-about-me",): "ccf-request",
    ("my-country",): "country-question",
    ("clearance",): "clearance-certificate",
    ("jobs",): "careers",
    ("media",): "media",
    ("misuse",): "misuse-name",
    ("police-officer",): "police-ncb",
    ("something-else", "worried-about-notice"): "ccf-request",
    ("something-else", "report-to-police", "yes"): "emergency",
    ("something-else", "report-to-police", "no"): "report-crime",
    ("something-else", "learn"): "learn-about-interpol",
    ("something-else", "general-question"): "general-contact",
}


def test_someone_in_danger_finds_that_choice_on_the_first_question():
    first_answers = [choice[0] for choice in QUESTIONS["start"][2]]
    assert first_answers[0] == "danger-now"
    assert GOLDEN_PATHS[("danger-now",)] == "emergency"


def test_no_question_sends_every_answer_to_the_same_place():
    for slug, (_text, _hint, choices) in QUESTIONS.items():
        targets = {target for *_label, target in choices}
        assert len(targets) > 1, slug


def test_the_golden_table_covers_every_starter_outcome():
    assert set(GOLDEN_PATHS.values()) == set(OUTCOMES)


@pytest.mark.django_db
def test_the_starter_flow_is_valid_with_no_drafts(starter_flow):
    report = validate_flow(graph=load_flow())
    assert report.issues == ()


@pytest.mark.django_db
def test_every_golden_path_ends_on_its_outcome(starter_flow):
    flow = load_flow()
    for answers, outcome in GOLDEN_PATHS.items():
        step = resolve(graph=flow, answers=answers)
        assert (step.kind, step.outcome.slug) == (StepKind.OUTCOME, outcome), answers


@pytest.mark.django_db
def test_the_golden_table_lists_every_path_of_the_starter_flow(starter_flow):
    assert paths_to_outcomes(graph=load_flow()) == GOLDEN_PATHS


@pytest.mark.django_db
def test_each_question_reaches_every_one_of_its_next_steps(starter_flow):
    flow = load_flow()
    # One answer path leading to each question, taken from the golden table.
    path_to = {flow.start.id: ()}
    for answers in GOLDEN_PATHS:
        for position in range(1, len(answers)):
            step = resolve(graph=flow, answers=answers[:position])
            path_to.setdefault(step.question.id, answers[:position])
    assert set(path_to) == set(flow.questions)
    checked = 0
    for question_id, prefix in path_to.items():
        for option in flow.questions[question_id].choices:
            step = resolve(graph=flow, answers=[*prefix, option.slug])
            if option.outcome_id:
                assert step.outcome.id == option.outcome_id
            else:
                assert step.question.id == option.next_question_id
            checked += 1
    assert checked == sum(len(question.choices) for question in flow.questions.values())


@pytest.mark.django_db
def test_loading_the_flow_takes_three_queries_whatever_its_size(
    starter_flow, django_assert_num_queries
):
    with django_assert_num_queries(3):
        flow = load_flow()
    assert len(flow.questions) == 5
    assert len(flow.outcomes) == len(OUTCOMES)
