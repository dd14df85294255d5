"""Checks a browser page can be put through: axe-core, structure, focus and weight.

Page weight is measured the same way every run, so budgets can be asserted:
every response the first load of a page receives (HTML, CSS, JS, fonts,
images, the favicon) is counted by the size of its body compressed with gzip
at level 6 when it is text (HTML, CSS, JS, SVG, JSON, XML), and by its raw size
otherwise (images and fonts are already compressed). That is an upper bound of
what production sends: whitenoise serves its brotli files (smaller than gzip)
to browsers that accept them, and the proxy in front compresses HTML at a
similar level. Headers are not counted. Redirect responses count as zero.
"""

import functools
import gzip
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

AXE_FILE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# WCAG rules axe marks experimental and leaves out unless asked; the site passes
# them, so they are asked for. (Only two deprecated rules of the tags stay off.)
AXE_EXPERIMENTAL_RULES = [
    "css-orientation-lock",
    "p-as-heading",
    "table-fake-caption",
    "td-has-header",
]

# Filled in by the checks and printed at the end of the run by conftest.py.
AXE_RULES_CHECKED: set[str] = set()
AXE_RUNS = 0
AXE_VIOLATIONS = 0
WEIGHTS: dict[str, float] = {}
LIGHTHOUSE: dict[str, dict] = {}

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "+xml")


@functools.cache
def axe_source() -> str:
    return AXE_FILE.read_text()


def axe_version() -> str:
    package = json.loads((AXE_FILE.parent / "package.json").read_text())
    return package["version"]


def run_axe(page) -> dict:
    """Run axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now.

    axe is evaluated through the DevTools protocol rather than added as a
    <script> tag: Playwright's add_script_tag inserts an inline script, which
    the site's CSP (rightly) refuses, and evaluating keeps the CSP switched on
    for the page under test instead of bypassing it.
    """
    page.evaluate(axe_source())
    results = page.evaluate(
        """([tags, experimental]) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            rules: Object.fromEntries(experimental.map(id => [id, {enabled: true}])),
            resultTypes: ['violations'],
        })""",
        [AXE_TAGS, AXE_EXPERIMENTAL_RULES],
    )
    return results


def note_axe_run(results: dict) -> None:
    """Count a run on one of the site's pages for the summary at the end."""
    global AXE_RUNS, AXE_VIOLATIONS
    for group in ("passes", "violations", "incomplete", "inapplicable"):
        AXE_RULES_CHECKED.update(rule["id"] for rule in results[group])
    AXE_RUNS += 1
    AXE_VIOLATIONS += len(results["violations"])


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}")
    return "\n".join(lines)


def has_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def heading_levels(page) -> list[int]:
    """Levels of the page's headings in order, leaving out an error summary's heading.

    An error summary goes above everything else, its own heading included
    (the GOV.UK pattern), so it is the one heading allowed before the h1.
    """
    return page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6",
        "els => els.filter(el => !el.closest('[role=alert]')).map(el => Number(el.tagName[1]))",
    )


def skipped_heading_levels(levels: list[int]) -> list[tuple[int, int]]:
    """Pairs of consecutive headings that go down more than one level (h2 then h4)."""
    return [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]


UNLABELLED_CONTROLS_JS = """
() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
  .filter(el => {
    const byFor = el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    const wrapped = el.closest('label');
    const aria = (el.getAttribute('aria-label') || '').trim()
      || (el.getAttribute('aria-labelledby') || '').trim();
    const label = byFor || wrapped;
    return !(aria || (label && label.textContent.trim()));
  })
  .map(el => el.outerHTML.slice(0, 120))
"""


def unlabelled_controls(page) -> list[str]:
    return page.evaluate(UNLABELLED_CONTROLS_JS)


FOCUS_STATE_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {
    element: el.outerHTML.slice(0, 100),
    visible: Boolean(outline || shadow),
    key: el.tagName + '|' + (el.id || '') + '|' + (el.getAttribute('href') || el.name || ''),
  };
}
"""


def focus_stops_without_indicator(page, *, limit: int = 60) -> tuple[int, list[str]]:
    """Tab through the page; return how many stops were reached and those with no visible focus."""
    seen, invisible = [], []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE_JS)
        if state is None or state["key"] in seen:
            break
        seen.append(state["key"])
        if not state["visible"]:
            invisible.append(state["element"])
    return len(seen), invisible


def is_text(content_type: str) -> bool:
    return any(kind in content_type for kind in TEXT_TYPES)


@dataclass
class Transfer:
    url: str
    content_type: str
    resource_type: str
    raw_bytes: int
    counted_bytes: int


@dataclass
class LoadReport:
    transfers: list[Transfer] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(t.counted_bytes for t in self.transfers)

    @property
    def fonts(self) -> list[str]:
        return [t.url for t in self.transfers if t.resource_type == "font"]

    def table(self) -> str:
        return "\n".join(
            f"{t.counted_bytes:8d} B  {t.resource_type:10} {t.url}" for t in self.transfers
        )


def measure_first_load(page, url: str) -> tuple[LoadReport, object]:
    """Load url in `page` (of a fresh context: an empty cache) and weigh every response.

    Returns the report and the page's own response; the page stays open, so the
    same load can be put through the other checks.
    """
    responses = []
    page.on("response", lambda response: responses.append(response))
    response = page.goto(url, wait_until="networkidle")
    report = LoadReport()
    for received in responses:
        if 300 <= received.status < 400:
            continue
        body = received.body()
        content_type = received.headers.get("content-type", "")
        if is_text(content_type):
            counted = len(gzip.compress(body, compresslevel=6, mtime=0))
        else:
            counted = len(body)
        report.transfers.append(
            Transfer(received.url, content_type, received.request.resource_type, len(body), counted)
        )
    return report, response


BLOCKING_SCRIPTS_JS = """
() => Array.from(document.querySelectorAll('script'))
  .filter(s => s.type !== 'application/ld+json')
  .filter(s => !s.src || (s.closest('head') && !s.async && !s.defer && s.type !== 'module'))
  .map(s => s.outerHTML.slice(0, 120))
"""


def blocking_or_inline_scripts(page) -> list[str]:
    """Scripts in <head> that block rendering, and inline scripts anywhere (CSP forbids them)."""
    return page.evaluate(BLOCKING_SCRIPTS_JS)
