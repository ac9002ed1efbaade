"""axe-core, injected from the vendored file, checking WCAG 2.1 A and AA rules."""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Only violations are reported back: collecting passes and incompletes costs time for nothing.
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}


def axe_violations(page) -> list[dict]:
    """Run axe on the page as it is now and return its violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's debugging protocol: a <script> tag would be refused by
        # the pages' Content-Security-Policy, as it should be.
        page.evaluate(f"{AXE.read_text()}\n;true")
    result = page.evaluate("options => axe.run(document, options)", OPTIONS)
    return result["violations"]


def describe(url: str, violations: list[dict]) -> str:
    """Per violation: the rule, what it asks for, and where it failed (CSS targets)."""
    lines = [f"{url}: {len(violations)} axe violation(s)"]
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        lines.append(f"  [{violation['id']}] {violation['help']} ({violation['helpUrl']})")
        lines.append(f"      nodes: {', '.join(targets)}")
        lines.append(f"      first: {summary(violation['nodes'][0])}")
    return "\n".join(lines)


def summary(node: dict) -> str:
    return " ".join((node.get("failureSummary") or "").split())[:300]


def check_pages(page, urls, statuses=(200,)) -> list[str]:
    """Visit each URL and describe every page that has violations or an unexpected status."""
    failures = []
    for url in urls:
        response = page.goto(url)
        if response.status not in statuses:
            failures.append(f"{url}: HTTP {response.status}")
            continue
        violations = axe_violations(page)
        if violations:
            failures.append(describe(url, violations))
    return failures
