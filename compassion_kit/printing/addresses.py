"""Web addresses and phone numbers on paper: links a reader of the PDF can
follow, and numbers to call in bold.

The print HTML (printing.html) runs every text of a handout through
``link_addresses_in_html``; the footer's safety line through
``footer_safety``; each printed source through ``source_html``.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# A web address as printed: with a scheme (https://doi.org/...), or a bare
# domain with an optional path (988lifeline.org, nami.org/help). Not an email
# address, not part of a longer word.
_TLDS = "org|com|net|gov|edu|info|int|io|uk|au|nz|ie|ca|us|mx|es|example"
URL_PATTERN = re.compile(
    r"(?<![\w@/.-])(?:https?://[^\s<>\"']+"
    rf"|(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})\b(?![@-])"
    r"(?:/[^\s<>\"']*)?)", re.IGNORECASE)
_TRAILING = ".,;:!?'\""


def _url_end(text: str) -> str:
    """A matched address without the sentence's punctuation after it, nor a
    closing parenthesis that belongs to the sentence."""
    while text and (text[-1] in _TRAILING or (text[-1] == ")"
                                              and text.count("(") < text.count(")"))):
        text = text[:-1]
    return text


def _inline(before: str, tag: str, inner: str, attributes: str = "") -> tuple[str, Markup]:
    """(``before`` without its last space, ``inner`` in ``tag`` with that space
    inside). WeasyPrint 70 breaks a line badly when an inline element that
    follows a space does not fit: it moves words of the text before it to a
    line of their own ("reach" alone). With the space inside the element the
    line breaks at that space, as it should."""
    space = ""
    if before.endswith(" "):
        before, space = before[:-1], " "
    return before, Markup("<{0}{1}>{2}{3}</{0}>").format(Markup(tag), Markup(attributes),
                                                         space, inner)


def _link_attributes(address: str) -> Markup:
    href = address if re.match(r"https?://", address, re.I) else f"https://{address}"
    return Markup(' class="kit-url" href="{}"').format(href)


def link_addresses(text: str) -> Markup:
    """``text`` escaped, with every web address in it a link."""
    out, last = [], 0
    for match in URL_PATTERN.finditer(text):
        address = _url_end(match.group())
        start, end = match.start(), match.start() + len(address)
        before, link = _inline(text[last:start], "a", address, _link_attributes(address))
        out += [escape(before), link]
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


_TAG = re.compile(r"(<[^>]*>)")


def link_addresses_in_html(html: str) -> str:
    """Every web address in the text of ``html`` (outside links, which already
    lead somewhere) becomes a link, so a reader of the PDF can follow it."""
    out, in_link = [], 0
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            tag = piece[1:].split(None, 1)[0].lower().rstrip(">") if len(piece) > 2 else ""
            if tag == "a":
                in_link += 1
            elif tag == "/a":
                in_link = max(0, in_link - 1)
            out.append(piece)
        elif in_link or not URL_PATTERN.search(piece):
            out.append(piece)
        else:
            # The text is already escaped HTML: undo only what escape() redoes.
            plain = (piece.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                     .replace("&#39;", "'").replace("&#x27;", "'").replace("&amp;", "&"))
            out.append(str(link_addresses(plain)))
    return "".join(out)


_NUMBER = re.compile(r"(?<![\w.-])\+?\d[\d-]*(?: \d[\d-]*)*\d(?![\w-])|(?<![\w.-])\d(?![\w.-])")


def footer_safety(text: str) -> Markup:
    """The footer's safety line: numbers to call or text in bold, addresses as links."""
    out, last = [], 0
    for match in URL_PATTERN.finditer(text):
        address = _url_end(match.group())
        before, link = _inline(text[last:match.start()], "a", address,
                               _link_attributes(address))
        out += [_bold_numbers(before), link]
        last = match.start() + len(address)
    out.append(_bold_numbers(text[last:]))
    return Markup("").join(out)


def _bold_numbers(text: str) -> Markup:
    out, last = [], 0
    for match in _NUMBER.finditer(text):
        before, number = _inline(text[last:match.start()], "strong", match.group())
        out += [escape(before), number]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def source_html(reference: str) -> Markup:
    """A short reference as printed: authors and year, then title and venue
    (which large print leaves to the web page), the whole a link to its DOI
    or address (the address itself is on the web page)."""
    text, _sep, last = reference.rpartition(" ")
    if not (text and re.match(r"https?://", last)):
        text, last = reference, ""
    who, sep, rest = text.partition("). ")
    inner = (Markup('{}<span class="kit-source-more"> {}</span>').format(who + sep.strip(), rest)
             if sep else escape(text))
    if last:
        return Markup('<a class="kit-source" href="{}">{}</a>').format(last, inner)
    return inner
