"""Running axe-core in a Playwright page and reporting what it finds."""

from functools import cache
from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).resolve().parent / "assets" / "axe.min.js"
# WCAG 2.1 levels A and AA: what public bodies in Germany must meet (BITV 2.0, EN 301 549).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
  // resultTypes only trims the details kept for passing rules: every rule still runs.
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""


@cache
def _axe_source() -> str:
    return AXE_JS.read_text()


def violations(page: Any) -> list[dict[str, Any]]:
    # A navigation replaces the window, so axe is injected again on every new page.
    # Evaluated through the DevTools protocol, not added as a <script> tag: the
    # Content-Security-Policy (script-src 'self') rightly blocks inline scripts.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    found: list[dict[str, Any]] = page.evaluate(_RUN, WCAG_TAGS)
    return found


def report(found: list[dict[str, Any]], where: str) -> str:
    lines = [f"axe-core found {len(found)} WCAG 2.1 A/AA violation(s) on {where}:"]
    for violation in found:
        lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    at {node['target']}: {summary}")
    return "\n".join(lines)
