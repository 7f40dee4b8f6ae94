"""Every page of the built site in a real browser, as its readers meet it.

Chromium (the system's, driven by Playwright) loads the site from a local HTTP
server on 127.0.0.1 and checks:

- accessibility: axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any
  page, in the light and in the dark colour scheme;
- keyboard: a working skip link comes first, every focus stop is visible, and
  Tab gets out of every page (no keyboard trap); the folded sidebars open and
  close from the keyboard;
- privacy: every request goes to the local server, nothing sets a cookie or
  stores anything, no referrer leaves, and the Content-Security-Policy of
  docs/_templates/page.html is on every page and holds (no violation, and it
  really blocks);
- phones: at 360 px no page, and no table or code box in it, scrolls sideways,
  and the handout links are 44 px tap targets;
- both sites: every page of the English site and of the Spanish one (es/), a
  search in each, the language switcher, and the Spanish search page's words.

One browser per module (conftest.py beside this file), pages visited in loops. With CI
set a missing browser fails the run; elsewhere these tests skip and say how to
install one. The static checks of the policy need no browser and always run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from browserkit import AXE_OPTIONS, DESKTOP, MIN_TAP, PHONE
from browserkit import new_page as _new_page
from bs4 import BeautifulSoup

TEMPLATE = "docs/_templates/page.html"


# -- Accessibility: axe-core -----------------------------------------------------------------


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# Colours are all that differ between the schemes, so the dark pass runs the
# rules that look at colour; the light pass runs every WCAG A/AA rule.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_DARK = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}
_RUN_AXE = """options => axe.run(document, options).then(result => ({
  version: result.testEngine.version,
  rules: result.passes.length + result.violations.length + result.incomplete.length
         + result.inapplicable.length,
  violations: result.violations.map(rule => ({
    id: rule.id, impact: rule.impact, help: rule.help,
    nodes: rule.nodes.map(node => ({target: node.target.join(' '),
                                    summary: node.failureSummary}))}))}))"""


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
    page = _new_page(browser)
    page.set_content('<html><body><img src="data:,"><input type="text">'
                     '<p style="color:#bbb;background:#fff">faint</p></body></html>')
    page.evaluate(_axe_source())
    found = {rule["id"] for rule in page.evaluate(_RUN_AXE, AXE_OPTIONS)["violations"]}
    page.emulate_media(color_scheme="dark")
    dark = {rule["id"] for rule in page.evaluate(_RUN_AXE, AXE_DARK)["violations"]}
    page.close()
    assert {"image-alt", "label", "html-has-lang", "color-contrast"} <= found
    assert dark == {"color-contrast"}


def test_every_page_has_no_wcag_a_or_aa_violation_in_light_and_dark(browser, server, pages):
    """axe-core's WCAG 2.0/2.1/2.2 A and AA rules, in both colour schemes."""
    source = _axe_source()
    page = _new_page(browser)
    found: dict = {}
    for name in pages:
        page.emulate_media(color_scheme="light")
        page.goto(server.url(name), wait_until="load")
        page.evaluate(source)
        for scheme, options in (("light", AXE_OPTIONS), ("dark", AXE_DARK)):
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
                scheme == "dark")
            result = page.evaluate(_RUN_AXE, options)
            assert result["rules"] >= (50 if scheme == "light" else 2), (name, result["rules"])
            if result["violations"]:
                found[(name, scheme)] = result["violations"]
    page.close()
    print(f"\naxe {result['version']}: {len(pages)} pages, light and dark")
    assert not found, f"axe {result['version']} found:\n" + _format_violations(found)


# -- Keyboard ---------------------------------------------------------------------------------

# Records every focus stop as it happens (the browser has scrolled the element
# into view by then), so the walk needs no round trip per stop. A focusout to
# nowhere means Tab has left the page.
_FOCUS_RECORDER = r"""
window.__kitStops = [];
window.__kitIds = new WeakMap();
const kitDescribe = el => {
  if (!window.__kitIds.has(el)) window.__kitIds.set(el, window.__kitStops.length);
  const path = [];
  for (let n = el; n && n.nodeType === 1 && path.length < 3; n = n.parentElement)
    path.unshift(n.tagName.toLowerCase() + (n.id ? '#' + n.id : '')
                 + [...n.classList].slice(0, 2).map(c => '.' + c).join(''));
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim();
  // A focus indicator: an outline or a box shadow, on the element or on a
  // pseudo-element that draws it (sphinx-design's stretched card links).
  const styles = [[getComputedStyle(el), false], [getComputedStyle(el, '::after'), true],
                  [getComputedStyle(el, '::before'), true]];
  const ring = styles.some(([cs, pseudo]) => (!pseudo || cs.content !== 'none') && (
      (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0
       && cs.outlineColor !== 'rgba(0, 0, 0, 0)')
      || (cs.boxShadow && cs.boxShadow !== 'none')));
  // On screen and not hidden under something else: hit-test a few points.
  const rects = [...el.getClientRects()].filter(r => r.width >= 2 && r.height >= 2);
  const after = getComputedStyle(el, '::after');
  if (after.content !== 'none' && after.position === 'absolute' && el.offsetParent)
    rects.push(el.offsetParent.getBoundingClientRect());
  const points = [[.5, .5], [.15, .5], [.85, .5], [.5, .2], [.5, .8]];
  const seen = rects.some(r => points.some(([fx, fy]) => {
    const x = r.left + r.width * fx, y = r.top + r.height * fy;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && (hit === el || el.contains(hit));
  }));
  const main = document.getElementById('furo-main-content');
  return {id: window.__kitIds.get(el), where: path.join(' > '),
          label: label.replace(/\s+/g, ' ').slice(0, 40), href: el.getAttribute('href'),
          ring, seen, inOrAfterMain: !!main && (main.contains(el)
            || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING))};
};
document.addEventListener('focusin', e => window.__kitStops.push(kitDescribe(e.target)), true);
document.addEventListener('focusout', e => {
  if (!e.relatedTarget) window.__kitStops.push({left: true});
}, true);
"""
# What the skip link says, in English and in Spanish.
SKIP_LINK_WORDS = ("skip", "ir al contenido")
_TABBABLE = """() => [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length).length"""


def _walk(page, limit: int) -> tuple[list[dict], bool]:
    """Tab from the top until focus leaves the page: (the stops, whether it left)."""
    pressed = 0
    while pressed < limit:
        for _ in range(20):
            page.keyboard.press("Tab")
        pressed += 20
        if page.evaluate("window.__kitStops.some(stop => stop.left)"):
            break
    stops = page.evaluate("window.__kitStops")
    end = next((i for i, stop in enumerate(stops) if stop.get("left")), None)
    return (stops, False) if end is None else (stops[:end], True)


def test_every_page_works_with_a_keyboard(browser, server, pages):
    """A working skip link first; every focus stop visible; Tab gets out of every page."""
    page = _new_page(browser, reduced_motion="reduce")
    page.add_init_script(_FOCUS_RECORDER)
    problems: list[str] = []
    stops_total = 0
    for name in pages:
        page.goto(server.url(name), wait_until="load")
        limit = 2 * page.evaluate(_TABBABLE) + 40
        stops, left = _walk(page, limit)
        stops_total += len(stops)
        first = stops[0] if stops else {}
        href = first.get("href") or ""
        if not (href.startswith("#") and any(words in first["label"].lower()
                                              for words in SKIP_LINK_WORDS)
                and page.locator(f"[id='{href[1:]}']").count() == 1):
            problems.append(f"{name}: the first Tab stop is not a skip link: {first}")
        elif not first["seen"]:
            problems.append(f"{name}: the skip link does not show when focused")
        ids = [stop["id"] for stop in stops]
        if not left:
            problems.append(f"{name}: keyboard trap: Tab did not leave the page in {limit} "
                            f"presses; last stops: {[s['where'] for s in stops[-3:]]}")
        elif len(set(ids)) < len(ids):
            problems.append(f"{name}: keyboard trap: focus came back before leaving the page")
        for stop in stops:
            if not stop["ring"]:
                problems.append(f"{name}: no visible focus indicator on {stop['where']} "
                                f"'{stop['label']}'")
            elif not stop["seen"]:
                problems.append(f"{name}: focus is off screen or covered on {stop['where']} "
                                f"'{stop['label']}'")
        # Following the skip link, the next stop is in the content, not the sidebar.
        if href.startswith("#"):
            page.locator(f"a[href='{href}']").first.focus()
            page.keyboard.press("Enter")
            page.keyboard.press("Tab")
            after = page.evaluate("window.__kitStops.filter(stop => !stop.left).at(-1)")
            if not after or not after["inOrAfterMain"]:
                problems.append(f"{name}: after the skip link, Tab goes to {after}")
    page.close()
    print(f"\nkeyboard: {len(pages)} pages, {stops_total} focus stops")
    assert stops_total > 10 * len(pages)
    assert not problems, "\n".join(problems)


_DRAWER = """selector => { const d = document.querySelector(selector);
  const r = d.getBoundingClientRect(), cs = getComputedStyle(d);
  return {visible: cs.visibility === 'visible' && r.right > 0 && r.left < innerWidth,
          focusInside: d.contains(document.activeElement)}; }"""


def _settle(page, drawer: str, visible: bool) -> None:
    """Wait (at most 2 s) for a sliding drawer to finish (the page's CSP forbids
    Playwright's wait_for_function, which evaluates a string)."""
    for _ in range(40):
        if page.evaluate(_DRAWER, drawer)["visible"] == visible:
            return
        page.wait_for_timeout(50)


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
@pytest.mark.parametrize(("viewport", "toggle", "drawer"), [
    (DESKTOP, "button.toc-content-icon", ".toc-drawer"),  # "On this page" below 82em
    (PHONE, "button.nav-overlay-icon", ".sidebar-drawer"),  # the site navigation below 63em
], ids=["contents-at-1280px", "navigation-at-360px"])
def test_sidebar_drawers_open_and_close_with_the_keyboard(browser, server, viewport, toggle,
                                                          drawer, motion):
    """Reached with Tab, a button (site-a11y.js) opens the folded sidebar and moves focus
    into it, with the drawer's slide animation running (normal motion) or not; Escape
    closes it and gives focus back."""
    page = _new_page(browser, viewport=viewport, reduced_motion=motion)
    page.goto(server.url("docs/chapters/therapy.html"), wait_until="load")
    assert page.evaluate(_DRAWER, drawer) == {"visible": False, "focusInside": False}
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{toggle}')"):
            break
    else:
        pytest.fail(f"Tab never reaches the {toggle} toggle")
    assert page.get_attribute(toggle, "aria-expanded") == "false"
    page.keyboard.press("Enter")
    # Focus moves in at once, while the drawer may still be sliding in.
    assert page.evaluate(_DRAWER, drawer)["focusInside"], "focus did not enter the drawer"
    _settle(page, drawer, visible=True)
    assert page.evaluate(_DRAWER, drawer) == {"visible": True, "focusInside": True}
    assert page.get_attribute(toggle, "aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert page.evaluate(f"document.activeElement.matches('{toggle}')")
    _settle(page, drawer, visible=False)
    assert page.evaluate(_DRAWER, drawer) == {"visible": False, "focusInside": False}
    page.close()


# -- Privacy and the Content-Security-Policy --------------------------------------------------

_WATCH = """
window.__kitCsp = [];
document.addEventListener('securitypolicyviolation', e => window.__kitCsp.push(
  [e.effectiveDirective, e.blockedURI, e.sample, e.sourceFile, e.lineNumber].join(' | ')), true);
"""
_STORAGE = """() => ({cookie: document.cookie, local: localStorage.length,
                      session: sessionStorage.length, csp: window.__kitCsp})"""


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
    page = _new_page(browser)
    # A cold cache, so that the server sees every request the pages make.
    browser.context.new_cdp_session(page).send("Network.clearBrowserCache")
    page.add_init_script(_WATCH)
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
        per_page[name] = page.evaluate(_STORAGE)
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
    page = _new_page(browser)
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
    page = _new_page(browser)
    page.add_init_script(_WATCH)
    page.goto(server.url("index.html"))
    outcome = page.evaluate("""() => new Promise(resolve => {
      const script = document.createElement('script');
      script.textContent = 'window.__kitInjected = true;';
      document.head.append(script);
      const image = new Image();  // another origin: loopback, another port
      image.onload = () => resolve('image loaded');
      image.onerror = () => resolve(window.__kitInjected ? 'inline script ran' : 'blocked');
      image.src = 'http://127.0.0.2:9/pixel.png';
    })""")
    directives = page.evaluate("window.__kitCsp.map(v => v.split(' | ')[0])")
    page.close()
    assert outcome == "blocked"
    assert {"script-src-elem", "img-src"} <= set(directives), directives


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


# -- Phones -----------------------------------------------------------------------------------

_SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible' || cs.position === 'fixed') continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || (r.right <= width + 1 && r.left >= -1)) continue;
    let inside = false;  // in a box of its own that scrolls or clips (a wide table, code)
    for (let n = el.parentElement; n && n !== document.body; n = n.parentElement)
      if (getComputedStyle(n).overflowX !== 'visible') { inside = true; break; }
    if (!inside) out.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.')
                          + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  // Nor may a box of the content scroll sideways on its own: tables stack or
  // wrap, code wraps (a visually hidden table head, 1 px wide, does not count).
  const scrollers = [...document.querySelectorAll('article *')].filter(e =>
    getComputedStyle(e).overflowX !== 'visible' && e.clientWidth > 1
    && e.scrollWidth > e.clientWidth + 1).map(e => e.tagName.toLowerCase() + '.'
    + [...e.classList].join('.') + ' ' + e.scrollWidth + '>' + e.clientWidth);
  return {width, scroll: Math.max(document.documentElement.scrollWidth,
                                  document.body.scrollWidth), out: out.slice(0, 5),
          scrollers: scrollers.slice(0, 5)};
}"""


@pytest.fixture(scope="module")
def phone(browser, server, pages) -> dict:
    """Every page at 360 px: what sticks out sideways, and the handout links' sizes."""
    page = _new_page(browser, viewport=PHONE)
    seen = {}
    for name in pages:
        page.goto(server.url(name), wait_until="load")
        seen[name] = page.evaluate(_SIDEWAYS)
        seen[name]["links"] = page.evaluate("""() => [...document.querySelectorAll(
          'a.kit-pdf-link')].map(a => { const r = a.getBoundingClientRect();
                                        return [a.textContent.trim(), r.width, r.height]; })""")
    page.close()
    return seen


def test_no_page_scrolls_sideways_on_a_360px_phone(phone):
    """Neither the page nor any box in it (a wide table, a code block)."""
    wide = {name: {key: found[key] for key in ("width", "scroll", "out", "scrollers")}
            for name, found in phone.items()
            if found["scroll"] > found["width"] or found["out"] or found["scrollers"]}
    assert all(found["width"] == PHONE["width"] for found in phone.values())
    assert not wide, json.dumps(wide, indent=1)


def test_handout_links_are_44px_tap_targets_on_a_phone(phone):
    links = [(name, *link) for name, found in phone.items() for link in found["links"]]
    small = [f"{name}: '{label}' {width:.0f}x{height:.0f} px"
             for name, label, width, height in links if width < MIN_TAP or height < MIN_TAP]
    assert len(links) >= 3 * 20, f"only {len(links)} handout links found"
    assert not small, f"{len(small)} of {len(links)} handout links are too small:\n" + (
        "\n".join(small[:20]))


# -- Both languages ---------------------------------------------------------------------------


def test_the_spanish_search_page_speaks_spanish(browser, server):
    """Sphinx's search, in Spanish: its heading and result count come from the
    kit's translations.js, within the Content-Security-Policy."""
    page = _new_page(browser)
    page.add_init_script(_WATCH)
    page.goto(server.url("es/search.html?q=compasión"), wait_until="load")
    page.wait_for_selector("#search-results li", timeout=15000)
    page.wait_for_load_state("networkidle")
    heading = page.locator("#search-results h2").inner_text().strip()
    status = page.locator("#search-results .search-summary").inner_text().strip()
    found = page.locator("#search-results li").count()
    csp = page.evaluate("window.__kitCsp")
    page.close()
    assert heading == "Resultados de la búsqueda"
    words = "una página" if found == 1 else f"{found} páginas"
    assert status == f"Listo: encontramos {words}.", status
    assert not csp, csp


@pytest.mark.parametrize(("start", "other", "name"), [
    ("es/exercises/self-compassion-break.html", "exercises/self-compassion-break.html",
     "English"),
    ("exercises/self-compassion-break.html", "es/exercises/self-compassion-break.html",
     "Español"),
    ("docs/guides/before-you-assign.html", "es/index.html", "Inicio en español"),
], ids=["es-to-en", "en-to-es", "en-only-to-es-home"])
def test_the_language_switcher_is_on_the_first_screen_and_leads_to_the_same_page(
        browser, server, start, other, name):
    """On a 360 px phone: the switcher is in the top bar, a 44 px tap target,
    named in its own language; a tap opens the same page in the other language
    (or the Spanish home page, for a page only in English)."""
    page = _new_page(browser, viewport=PHONE)
    page.goto(server.url(start), wait_until="load")
    link = page.locator("nav.kit-lang a")
    assert link.count() == 1
    box = link.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] / 3, box
    assert box["height"] >= MIN_TAP and box["x"] + box["width"] <= PHONE["width"], box
    assert link.inner_text().strip() == name
    link.click()
    page.wait_for_load_state("load")
    assert page.url == server.url(other), page.url
    assert page.evaluate("document.documentElement.lang") == (
        "es" if other.startswith("es/") else "en")
    page.close()
