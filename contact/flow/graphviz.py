"""The admin's flow drawn as a real graph: DOT source here, laid out by Debian's
Graphviz (`dot`, installed by `make diagram-deps`), as inline SVG.

Every text from the database is escaped for DOT here and for XML by Graphviz,
so a question's text can never become markup on the admin page.
"""

import logging
import shutil
import subprocess
import textwrap

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from contact.flow.graph import FlowGraph

logger = logging.getLogger(__name__)

QUESTION_FILL, OUTCOME_FILL, START_BORDER = "#e3f2fd", "#e8f5e9", "#0d47a1"
NODE_WIDTH_CHARACTERS, EDGE_WIDTH_CHARACTERS = 30, 24
DOT_SECONDS = 20


def dot_string(text: str, *, width: int) -> str:
    """A double-quoted DOT string, wrapped into centred lines of about `width` characters."""
    lines = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def dot_source(*, graph: FlowGraph) -> str:
    """The whole flow, left to right: questions (blue, the first one outlined), outcomes
    (green), one arrow per answer; each box links to its admin page."""
    lines = [
        "digraph flow {",
        '  graph [rankdir=LR, nodesep=0.3, ranksep=0.6, bgcolor="transparent"];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11,'
        ' margin="0.15,0.08", color="#555555", target="_top"];',
        '  edge [fontname="Helvetica", fontsize=9, color="#616161", fontcolor="#333333"];',
    ]
    for question in sorted(graph.questions.values(), key=lambda node: node.id):
        url = reverse("admin:contact_question_change", args=[question.id])
        extra = f', penwidth=2.5, color="{START_BORDER}"' if question.is_start else ""
        lines.append(
            f"  q{question.id} [label={dot_string(question.text, width=NODE_WIDTH_CHARACTERS)},"
            f' fillcolor="{QUESTION_FILL}", URL={dot_string(url, width=len(url))}{extra}];'
        )
    for outcome in sorted(graph.outcomes.values(), key=lambda node: node.id):
        url = reverse("admin:contact_outcome_change", args=[outcome.id])
        lines.append(
            f"  o{outcome.id} [label={dot_string(outcome.title, width=NODE_WIDTH_CHARACTERS)},"
            f' fillcolor="{OUTCOME_FILL}", URL={dot_string(url, width=len(url))}];'
        )
    for question in sorted(graph.questions.values(), key=lambda node: node.id):
        for choice in question.choices:
            if choice.outcome_id in graph.outcomes:
                target = f"o{choice.outcome_id}"
            elif choice.next_question_id in graph.questions:
                target = f"q{choice.next_question_id}"
            else:
                continue
            label = dot_string(choice.label, width=EDGE_WIDTH_CHARACTERS)
            lines.append(f"  q{question.id} -> {target} [label={label}];")
    lines.append("}")
    return "\n".join(lines)


def flow_svg(*, graph: FlowGraph) -> SafeString | None:
    """The graph as inline SVG, or None when Graphviz is missing or fails (the page
    then shows the flow as a nested list only)."""
    dot = shutil.which("dot")
    if dot is None or not graph.questions:
        return None
    try:
        # A fixed program and arguments; the flow goes in on stdin as escaped DOT.
        drawn = subprocess.run(  # noqa: S603
            [dot, "-Tsvg"],
            input=dot_source(graph=graph).encode(),
            capture_output=True,
            timeout=DOT_SECONDS,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        logger.exception("Graphviz could not draw the contact flow")
        return None
    svg = drawn.stdout.decode()
    start = svg.find("<svg")
    if start == -1:
        return None
    # Graphviz's own output, from text it escaped itself: safe to place in the page.
    return mark_safe(svg[start:])  # noqa: S308
