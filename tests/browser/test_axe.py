"""Accessibility of every page in a real browser: axe-core finds no WCAG
2.0/2.1/2.2 A or AA violation on any page of either site, in the light and in
the dark colour scheme.

Chromium (the system's, driven by Playwright) loads the site from a local HTTP
server on 127.0.0.1 (conftest.py beside this file). With CI set a missing
browser fails the run; elsewhere these tests skip and say how to install one.
"""

from __future__ import annotations

from pathlib import Path

from helpers.browserkit import AXE_OPTIONS, new_page, script

RUN_AXE = script("axe-run.js")
# Colours are all that differ between the schemes, so the dark pass runs the
# rules that look at colour; the light pass runs every WCAG A/AA rule.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_DARK = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def _format_violations(found: dict) -> str:
    lines = []
    for (page, scheme), violations in sorted(found.items()):
        for rule in violations:
            lines.append(f"{page} [{scheme}] {rule['id']} ({rule['impact']}): {rule['help']}")
            lines += [f"    {node['target']}: {' '.join(node['summary'].split())}"
                      for node in rule["nodes"][:5]]
    return "\n".join(lines)


def test_axe_detects_planted_violations(browser):
    """The audit is live: axe, set up as below, finds the faults of a bad page."""
    page = new_page(browser)
    page.set_content('<html><body><img src="data:,"><input type="text">'
                     '<p style="color:#bbb;background:#fff">faint</p></body></html>')
    page.evaluate(_axe_source())
    found = {rule["id"] for rule in page.evaluate(RUN_AXE, AXE_OPTIONS)["violations"]}
    page.emulate_media(color_scheme="dark")
    dark = {rule["id"] for rule in page.evaluate(RUN_AXE, AXE_DARK)["violations"]}
    page.close()
    assert {"image-alt", "label", "html-has-lang", "color-contrast"} <= found
    assert dark == {"color-contrast"}


def test_every_page_has_no_wcag_a_or_aa_violation_in_light_and_dark(browser, server, pages):
    """axe-core's WCAG 2.0/2.1/2.2 A and AA rules, in both colour schemes."""
    source = _axe_source()
    page = new_page(browser)
    found: dict = {}
    for name in pages:
        page.emulate_media(color_scheme="light")
        page.goto(server.url(name), wait_until="load")
        page.evaluate(source)
        for scheme, options in (("light", AXE_OPTIONS), ("dark", AXE_DARK)):
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
                scheme == "dark")
            result = page.evaluate(RUN_AXE, options)
            assert result["rules"] >= (50 if scheme == "light" else 2), (name, result["rules"])
            if result["violations"]:
                found[(name, scheme)] = result["violations"]
    page.close()
    print(f"\naxe {result['version']}: {len(pages)} pages, light and dark")
    assert not found, f"axe {result['version']} found:\n" + _format_violations(found)
