"""Privacy and the Content-Security-Policy, every page of both sites in a real
browser: every request goes to the local server, nothing sets a cookie or
stores anything, no referrer leaves, and the Content-Security-Policy of
docs/_templates/page.html is on every page and holds (no violation, and it
really blocks).

Chromium (the system's, driven by Playwright) loads the site from a local HTTP
server on 127.0.0.1 (conftest.py beside this file). With CI set a missing
browser fails the run; elsewhere these tests skip and say how to install one.
The static checks of the policy need no browser and always run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from helpers.browserkit import new_page, script

TEMPLATE = "docs/_templates/page.html"
CSP_WATCH = script("csp-watch.js")
STORAGE = script("page-storage.js")


@dataclass
class Visit:
    pages: list[str]
    requests: list  # playwright Request objects
    served: list  # (status, path, headers) as the server saw them
    responses: list  # (url, headers)
    console: list  # console errors and warnings, page errors
    per_page: dict  # page -> storage, cookie and CSP violations seen on it
    cookies: list


@pytest.fixture(scope="module")
def visit(browser, server, pages) -> Visit:
    """Load every page once, plus a search, as a reader would, recording everything."""
    requests_before, served_before = len(browser.requests), len(server.log)
    page = new_page(browser)
    # A cold cache, so that the server sees every request the pages make.
    browser.context.new_cdp_session(page).send("Network.clearBrowserCache")
    page.add_init_script(CSP_WATCH)
    console: list = []
    responses: list = []
    page.on("console", lambda message: message.type in ("error", "warning") and console.append(
        f"{page.url}: console {message.type}: {message.text} {message.location}"))
    page.on("pageerror", lambda error: console.append(f"{page.url}: page error: {error}"))
    page.on("response", lambda response: responses.append((response.url, response.headers)))
    per_page = {}
    for name in [*pages, "search.html?q=compassion", "es/search.html?q=compasión"]:
        page.goto(server.url(name), wait_until="load")
        if "search.html?" in name:  # Sphinx's search fetches pages for its summaries
            page.wait_for_selector("#search-results li", timeout=15000)
            page.wait_for_load_state("networkidle")
        per_page[name] = page.evaluate(STORAGE)
    page.close()
    return Visit(pages, browser.requests[requests_before:], server.log[served_before:],
                 responses, console, per_page, browser.context.cookies())


def test_every_request_goes_to_the_local_server_only(visit, server):
    urls = [request.url for request in visit.requests]
    elsewhere = sorted({url for url in urls if not url.startswith(server.origin + "/")})
    assert not elsewhere, f"requests to other places: {elsewhere}"
    kinds = {request.resource_type for request in visit.requests}
    assert {"document", "stylesheet", "script", "font"} <= kinds, kinds
    fonts = [request.url for request in visit.requests if request.resource_type == "font"]
    assert fonts and all("/_static/" in url for url in fonts), fonts
    # The server saw what the pages asked for (cache cleared), and all of it was there.
    served = {path for _, path, _ in visit.served}
    unseen = {url for url in urls if url.removeprefix(server.origin) not in served}
    assert not unseen, f"recorded but not served: {sorted(unseen)[:5]}"
    missing = sorted({f"{status} {path}" for status, path, _ in visit.served
                      if not 200 <= status < 400})
    assert not missing, missing
    print(f"\n{len(visit.pages)} pages, {len(urls)} requests recorded, "
          f"{len(visit.served)} served, all from {server.origin}")


def test_no_cookies_no_storage_and_no_referrer(visit, browser, server, pages):
    assert visit.cookies == []
    assert not [url for url, headers in visit.responses if "set-cookie" in headers]
    stored = {name: seen for name, seen in visit.per_page.items()
              if seen["cookie"] or seen["local"] or seen["session"]}
    assert not stored, stored
    # Following a link tells the next site nothing about the page it came from.
    page = new_page(browser)
    page.goto(server.url("index.html"))
    with page.expect_request(lambda request: request.resource_type == "document") as request:
        page.locator("a.next-page").click()
    assert "referer" not in request.value.headers
    assert page.evaluate("document.referrer") == ""
    page.close()


def test_the_content_security_policy_holds_on_every_page(visit):
    violations = {name: seen["csp"] for name, seen in visit.per_page.items() if seen["csp"]}
    assert not violations, (
        f"Content-Security-Policy violations (update {TEMPLATE} if a hash is stale):\n"
        + json.dumps(violations, indent=1))
    assert not visit.console, "\n".join(visit.console)


def test_the_content_security_policy_is_enforced(browser, server):
    """Not only declared: the browser really refuses inline code and other origins."""
    page = new_page(browser)
    page.add_init_script(CSP_WATCH)
    page.goto(server.url("index.html"))
    outcome = page.evaluate(script("csp-probe.js"))
    directives = page.evaluate("window.__kitCsp.map(v => v.split(' | ')[0])")
    page.close()
    assert outcome == "blocked"
    assert {"script-src-elem", "img-src"} <= set(directives), directives


# -- The policy as the pages declare it (no browser) -------------------------------------------


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _policy(soup: BeautifulSoup) -> dict[str, list[str]]:
    metas = soup.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$",
                                                                  re.I)})
    assert len(metas) == 1, f"{len(metas)} CSP meta tags"
    directives = {}
    for part in metas[0]["content"].split(";"):
        if part.strip():
            name, *sources = part.split()
            directives[name.lower()] = sources
    return directives


def test_every_page_declares_a_strict_content_security_policy(site, pages):
    """The policy allows only this site; inline code only by the hash of its text."""
    stale = set()
    for name in pages:
        soup = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
        policy = _policy(soup)
        head = soup.head.find_all(True)
        meta = next(i for i, tag in enumerate(head) if tag.get("http-equiv"))
        loads = [i for i, tag in enumerate(head) if tag.name in ("script", "style")
                 or (tag.name == "link" and "stylesheet" in tag.get("rel", []))]
        assert meta < min(loads, default=meta + 1), f"{name}: CSP meta must come first"
        assert policy["default-src"] == ["'self'"], name
        for directive in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
            sources = policy.get(directive, policy["default-src"])
            allowed = {"'self'", "data:"} if directive == "img-src" else {"'self'"}
            extra = [s for s in sources if s not in allowed and not s.startswith("'sha256-")]
            assert not extra, f"{name}: {directive} allows {extra}"
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
        assert all("'unsafe-inline'" not in s and "'unsafe-eval'" not in s
                   for s in policy.values()), name
        assert soup.find("meta", attrs={"name": "referrer", "content": "no-referrer"}), name
        # Every inline script, style and style attribute is allowed by its hash.
        scripts = set(policy["script-src"])
        styles, attributes = set(policy["style-src"]), set(policy.get("style-src-attr", []))
        for tag in soup.find_all("script"):
            if not tag.get("src") and _sha256(tag.string or "") not in scripts:
                stale.add(f"script-src {_sha256(tag.string or '')} ({name})")
        for tag in soup.find_all("style"):
            if _sha256(tag.string or "") not in styles:
                stale.add(f"style-src {_sha256(tag.string or '')} ({name})")
        for tag in soup.find_all(style=True):
            if _sha256(tag["style"]) not in attributes:
                stale.add(f"style-src-attr {_sha256(tag['style'])} for style=\"{tag['style']}\"")
    assert not stale, f"add these hashes to {TEMPLATE}:\n" + "\n".join(sorted(stale))


def test_no_stylesheet_or_script_refers_to_another_site(site):
    """Also what the browser did not happen to load (print styles, other widths)."""
    remote = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"]|\bsrc\s*=\s*['"]?)\s*(?:https?:)?//""",
                        re.I)
    found = [f"{path.relative_to(site)}: {match.group(0)}"
             for path in [*site.rglob("*.css"), *site.rglob("*.html")]
             for match in remote.finditer(path.read_text(encoding="utf-8", errors="replace"))]
    assert not found, found
