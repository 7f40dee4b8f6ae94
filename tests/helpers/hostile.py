"""The hostile and careless inputs of fixtures/test_hostile_builds.py (issue
16): each case is one change to a good build of a two-exercise project, and
what its build must then say and do.

A change gets the project and a folder outside it (which holds a secret the
build must never read); ``OUTSIDE/`` and ``OUT/`` in a case's file name stand
for that folder and for the build's output folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from compassion_kit.testing import load_catalog

SECRET = "kit-canary-7f3a9c"  # the content of a file outside the project
CALM = "exercises/calm.md"
STEADY = "exercises/steady.md"
NO_PDFS = ("-D", "kit_pdfs=0")

Change = Callable[[Path, Path], None]  # (project, a folder outside it)


def append(relative: str, text: str) -> Change:
    def change(project: Path, outside: Path) -> None:
        target = project / relative
        body = target.read_text(encoding="utf-8")
        target.write_text(body + "\n" + text.replace("OUTSIDE", str(outside)), encoding="utf-8")
    return change


def replace(relative: str, old: str, new: str) -> Change:
    def change(project: Path, outside: Path) -> None:
        target = project / relative
        body = target.read_text(encoding="utf-8")
        assert old in body, (relative, old)
        target.write_text(body.replace(old, new, 1), encoding="utf-8")
    return change


def write(relative: str, data: bytes | str) -> Change:
    def change(project: Path, outside: Path) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_bytes(raw)
    return change


def both(*changes: Change) -> Change:
    def change(project: Path, outside: Path) -> None:
        for each in changes:
            each(project, outside)
    return change


def remove(relative: str) -> Change:
    return lambda project, outside: (project / relative).unlink()


def symlink(relative: str, to_outside: str) -> Change:
    return lambda project, outside: (project / relative).symlink_to(outside / to_outside)


def nothing(project: Path, outside: Path) -> None:
    pass


def bom(relative: str) -> Change:
    """A UTF-8 byte-order mark, invisible in editors."""
    def change(project: Path, outside: Path) -> None:
        (project / relative).write_bytes(b"\xef\xbb\xbf" + (project / relative).read_bytes())
    return change


def _bomb() -> str:
    """A 'billion laughs' block: nine levels of nine aliases of the level below."""
    lines = ["a: &a [laugh, laugh, laugh, laugh, laugh, laugh, laugh, laugh, laugh]"]
    for level, name in enumerate("bcdefghi"):
        below = "abcdefghi"[level]
        lines.append(f"{name}: &{name} [{', '.join([f'*{below}'] * 9)}]")
    return "\n".join(lines) + "\n"


BOMB = _bomb()
NESTED = "deep: " + "[" * 300 + "]" * 300 + "\n"
LONG_STEPS = "".join(f"{n}. Take one more slow breath and notice it.\n" for n in range(1, 90))


@dataclass
class Case:
    name: str
    change: Change
    file: str  # the file the message names: relative to the project, or OUTSIDE/...
    at: str | None  # text whose line the message must give (None: the file only)
    words: tuple[str, ...]
    code: int = 1
    pdfs: bool = False
    extra: tuple[str, ...] = ()
    check: Callable[[Path, Path, str], None] | None = None  # (project, outdir, output)
    once: bool = False  # the problem is reported exactly once
    wrap: tuple[str, ...] = field(default=())
    allow: tuple[str, ...] = ()  # files outside the project the build may read (pack targets)


def page_says(text: str, absent: str = "") -> Callable[[Path, Path, str], None]:
    def check(project: Path, outdir: Path, output: str) -> None:
        page = (outdir / "exercises/calm.html").read_text(encoding="utf-8")
        assert text in page
        assert not absent or absent not in page
    return check


def printed(text: str) -> Callable[[Path, Path, str], None]:
    def check(project: Path, outdir: Path, output: str) -> None:
        html = (outdir.parent / "doctrees/kit-print/calm.html").read_text(encoding="utf-8")
        assert text in html, html[-1500:]
    return check


def steady_gone(project: Path, outdir: Path, output: str) -> None:
    assert not list(outdir.glob("handouts/*/steady.pdf"))
    assert not (outdir / "exercises/steady.html").exists()
    ids = [entry["id"] for entry in load_catalog(outdir)]
    assert ids == ["calm"]
    assert (outdir / "handouts/letter/calm.pdf").is_file()


def untouched(relative: str, content: bytes) -> Callable[[Path, Path, str], None]:
    def check(project: Path, outdir: Path, output: str) -> None:
        assert (project / relative).read_bytes() == content
    return check


README = b"# Notes\n\nKeep me.\n"
BIB_TITLE = "title   = {Self-Compassion:"  # of neff2003self, which calm cites
SETTINGS = b'[clinician]\nname = "Sam Lee"\n'


def pack(out: str, ids: str = "calm") -> tuple[str, ...]:
    return (*NO_PDFS, "-D", f"kit_pack={ids}", "-D", f"kit_pack_out={out}")


CASES = [
    # 1. Files of the build machine: docutils file insertion is off.
    Case("literalinclude-outside", append(CALM, "```{literalinclude} OUTSIDE/secret.txt\n```"),
         CALM, "{literalinclude}", ("File insertion disabled",)),
    Case("literalinclude-relative", append(CALM, "```{literalinclude} ../../outside/secret.txt\n"
                                                 "```"), CALM, "{literalinclude}",
         ("File insertion disabled",)),
    Case("literalinclude-environ", append(CALM, "```{literalinclude} /proc/self/environ\n```"),
         CALM, "{literalinclude}", ("File insertion disabled",)),
    Case("include-outside", append(CALM, "```{include} ../../outside/secret.txt\n```"),
         CALM, "{include}", ('"include" disabled',)),
    Case("raw-file", append(CALM, "```{raw} html\n:file: ../../outside/secret.txt\n```"),
         CALM, "{raw}", ('"raw" directive disabled',)),
    Case("eval-rst-include", append(CALM, "```{eval-rst}\n.. include:: ../../outside/secret.txt\n"
                                          "```"), CALM, ".. include::",
         ('"include" directive disabled',)),
    Case("download-outside", append(CALM, "{download}`notes <../../outside/secret.txt>`"),
         CALM, "{download}", ("download", "refused", "outside the project folder")),
    Case("markdown-link-to-outside-file", append(CALM, "[notes](../../outside/secret.txt)"),
         CALM, "[notes]", ("download", "refused")),
    Case("download-symlink-out", both(symlink("exercises/notes.txt", "secret.txt"),
                                      append(CALM, "{download}`notes <notes.txt>`")),
         CALM, "{download}", ("download", "refused")),
    Case("image-symlink-out", both(symlink("exercises/dot.png", "secret.txt"),
                                   append(CALM, "![A dot](dot.png)")),
         CALM, "![A dot]", ("is outside the project folder",)),
    Case("image-of-git-config", both(write(".git/config", "[remote]\nurl = https://" + SECRET
                                           + "@example.org/x\n"),
                                     append(CALM, "![A dot](../.git/config)")),
         CALM, "![A dot]", ("is hidden",)),
    Case("download-of-private-settings", both(write("handouts.toml", SETTINGS),
                                              append(CALM, "{download}`x <../handouts.toml>`")),
         CALM, "{download}", ("refused", "private settings file")),
    # 2. No fetch of any kind.
    Case("csv-table-url", append(CALM, "```{csv-table} T\n:url: http://kit-beacon.invalid/t.csv\n"
                                       "```"), CALM, "{csv-table}",
         ("File and URL access deactivated",)),
    Case("raw-url", append(CALM, "```{raw} html\n:url: http://kit-beacon.invalid/x.html\n```"),
         CALM, "{raw}", ('"raw" directive disabled',)),
    Case("file-url-with-host", append(CALM, "```{image} file://kit-beacon.invalid/etc/hostname"
                                            "\n:alt: A dot\n```"),
         CALM, "{image}", ("must be a file inside the project",)),
    Case("remote-image", append(CALM, "![A dot](https://kit-beacon.invalid/t.png)"),
         CALM, "![A dot]", ("must be a file inside the project",)),
    # 6. Raw HTML reaches no page.
    Case("raw-html-refresh",
         append(CALM, '<meta http-equiv="refresh" content="0;url=https://kit-beacon.invalid">'),
         CALM, "<meta", ("raw HTML", "refused")),
    Case("raw-html-script", append(CALM, '<script src="../_static/kit.js"></script>'),
         CALM, "<script", ("raw HTML", "refused")),
    Case("raw-html-img", append(CALM, '<img src="dot.png">'), CALM, "<img",
         ("raw HTML", "refused")),
    Case("inline-html", append(CALM, "Some <b onclick=\"x()\">bold</b> text."), CALM,
         "onclick", ("raw HTML", "refused")),
    Case("raw-directive", append(CALM, "```{raw} html\n<b>x</b>\n```"), CALM, "{raw}",
         ('"raw" directive disabled',)),
    Case("meta-refresh-in-front-matter", write("exercises/index.md", (
        "---\nmyst:\n  html_meta:\n    http-equiv=refresh: 0;url=https://kit-beacon.invalid\n"
        "---\n# Practices\n\n```{exercise-library}\n```\n\n```{toctree}\n:glob:\n\n*\n```\n")),
         "exercises/index.md", "myst:", ("field 'myst'", "refused", "MyST's settings")),
    Case("substitution-runs-code", write("exercises/index.md", (
        "---\nmyst:\n  enable_extensions: [substitution]\n---\n# Practices\n\n"
        "Home: {{ env.__class__.__init__.__globals__['os'].environ }}\n\n"
        "```{toctree}\n:glob:\n\n*\n```\n")),
         "exercises/index.md", "myst:", ("field 'myst'", "refused")),
    Case("substitution-in-conf", append("conf.py", 'myst_enable_extensions = ["substitution"]'),
         "conf.py", None, ("myst_enable_extensions", "'substitution'", "refused"), code=2),
    Case("eval-rst-meta-refresh", append(CALM, "```{eval-rst}\n.. meta::\n   :http-equiv=refresh:"
                                               " 0;url=https://kit-beacon.invalid\n```"),
         CALM, None, ("meta", "refused", "http-equiv")),  # (docutils gives no exact line)
    Case("html-comment", append(CALM, "<!-- a note to other authors -->"), "", None, (), code=0,
         check=page_says("A short pause", absent="a note to other authors")),
    # 4. Resource limits.
    Case("yaml-alias-bomb", replace(CALM, "reviewed:", BOMB + "reviewed:"), CALM, "*a",
         ("YAML alias '*a' refused",)),
    Case("yaml-alias-bomb-other-page", write("exercises/index.md", "---\n" + BOMB + "---\n# P\n"),
         "exercises/index.md", "*a", ("YAML alias",)),
    Case("yaml-deep-nesting", replace(CALM, "reviewed:", NESTED + "reviewed:"), CALM, "deep:",
         ("nested more than 20 levels",)),
    Case("huge-source", append(CALM, "Breathe in and out slowly. " * 90_000), CALM, None,
         ("KB is more than the 200 KB",)),
    Case("long-handout", replace(CALM, "1. Stop what you are doing.\n", LONG_STEPS), CALM, None,
         ("handout calm (letter)", "pages on US Letter; the limit is 2"), pdfs=True),
    # 5. A failure in the PDF stage publishes nothing (calm re-rendered, steady too long).
    Case("failure-after-other-pdfs-rendered",
         both(replace(CALM, "A short pause can help.", "A short pause helps."),
              replace(STEADY, "1. Stop", LONG_STEPS + "90. Stop")),
         STEADY, None, ("pages on US Letter; the limit is 2",), pdfs=True),
    # 9 and 13. Careless settings and sources: located messages, no traceback.
    Case("settings-latin-1", write("handouts.toml", '[clinician]\nname = "Zoë"\n'.encode("latin-1")
                                   ),
         "handouts.toml", 'name', ("not UTF-8", "byte 0xeb")),
    Case("settings-clinician-string", write("handouts.toml", 'clinician = "Dr Ana Ruiz"\n'),
         "handouts.toml", "clinician", ("section [clinician]", "must be one table")),
    Case("settings-array-of-tables", write("handouts.toml", '[[clinician]]\nname = "Ana"\n'),
         "handouts.toml", "[[clinician]]", ("must be one table",)),
    Case("settings-rtl-override", write("handouts.toml",
                                        '[clinician]\nemail = "ana@\u202eelpmaxe.com"\n'),
         "handouts.toml", "email", ("field 'email'", "U+202E", "RIGHT-TO-LEFT OVERRIDE")),
    Case("settings-emoji", write("handouts.toml", '[clinician]\nname = "Ana \U0001f60a"\n'),
         "handouts.toml", "name", ("field 'name'", "cannot be printed", "U+1F60A"), once=True),
    Case("settings-bom", write("handouts.toml", b"\xef\xbb\xbf" + SETTINGS), "", None, (),
         code=0),
    Case("settings-mistyped-path", nothing, "handout.toml", None,
         ("kit_handout_settings", "file not found"), code=2,
         extra=("-D", "kit_handout_settings=handout.toml")),
    Case("bib-missing-brace", replace("references.bib", BIB_TITLE, BIB_TITLE.replace("{", "")),
         "references.bib", "title   = Self", ("bibliography", "cannot be read"), code=2),
    Case("bib-key-removed", replace("references.bib", "@article{neff2003self,",
                                    "@article{neff2003gone,"),
         CALM, "neff2003self", ("'neff2003self' is not a key in references.bib",)),
    Case("bib-percent-in-title", replace("references.bib", BIB_TITLE,
                                         BIB_TITLE.replace("{", "{Half 50% of ")), "", None, (),
         code=0, pdfs=True, check=printed("Half 50% of Self-Compassion")),
    Case("front-matter-bom", bom(CALM), "", None, (), code=0),
    Case("duplicate-field-names", replace(CALM, "    size: small\n",
                                          "    size: small\n  - name: noticed\n"
                                          "    label: Again\n    size: line\n"),
         CALM, "  - name: noticed\n    label: Again",
         ("'noticed' is already the name of fields[0]",)),
    Case("duration-5.0", replace(CALM, "duration_minutes: 1", "duration_minutes: 5.0"), "", None,
         (), code=0, check=page_says("5 minutes", absent="5.0 minutes")),
    Case("emoji-in-body", append(CALM, "Smile \U0001f60a at yourself."), CALM, "Smile",
         ("handout 'calm'", "cannot be printed", "U+1F60A"), pdfs=True, once=True),
    Case("spanish-text", append(CALM, "¿Qué tal? Año, niño, corazón: ¡ánimo, pingüino!"), "",
         None, (), code=0, pdfs=True, check=printed("pingüino")),
    Case("long-url-and-word", append(CALM, "See https://example.org/" + "a" * 300 + " and "
                                     + "b" * 200 + "."), "", None, (), code=0, pdfs=True),
    # 3. pack --out writes only PDFs, never over a source, never silently.
    Case("pack-out-readme", write("README.md", README), "README.md", None,
         ("refused", "a pack is a PDF"), code=2, extra=pack("README.md"),
         check=untouched("README.md", README)),
    Case("pack-out-settings", write("handouts.toml", SETTINGS), "handouts.toml", None,
         ("refused", "a pack is a PDF"), code=2, extra=pack("handouts.toml"),
         check=untouched("handouts.toml", SETTINGS)),
    Case("pack-out-among-sources", nothing, "exercises/pack.pdf", None,
         ("refused", "among the project's sources"), code=2, extra=pack("exercises/pack.pdf")),
    Case("pack-out-not-a-pdf", write("../outside/old.pdf", README), "OUTSIDE/old.pdf", None,
         ("refused", "exists and is not a PDF"), code=2, extra=pack("../outside/old.pdf"),
         allow=("old.pdf",)),
    Case("pack-out-unwritable", nothing, "OUTSIDE/secret.txt/pack.pdf", None,
         ("refused", "cannot write in"), code=2, extra=pack("../outside/secret.txt/pack.pdf")),
    Case("pack-out-into-site", nothing, "OUT/html/pack.pdf", None,
         ("refused", "inside the build output"), code=2, extra=pack("../out/html/pack.pdf")),
    Case("pack-twice-the-same", nothing, "_build/pack.pdf", None,
         ("'calm' is listed more than once",), extra=pack("_build/pack.pdf", "calm,calm")),
    Case("pack-unknown-paper", nothing, "_build/pack.pdf", None, ("unknown paper 'a5'",),
         code=2, extra=(*pack("_build/pack.pdf"), "-D", "kit_pack_paper=a5")),
    # 10. Removed items leave nothing behind.
    Case("removed-exercise", remove(STEADY), "", None, (), code=0, check=steady_gone),
    # The one way to share Markdown: from inside the project only.
    Case("kit-include-inside", both(write("exercises/part.md", "Shared words of comfort.\n"),
                                    append(CALM, "```{kit-include} part.md\n```")), "", None, (),
         code=0, extra=("-D", "exclude_patterns=_build,exercises/part.md"),
         check=page_says("Shared words of comfort.")),
    Case("kit-include-outside", append(CALM, "```{kit-include} ../../outside/notes.md\n```"),
         CALM, "{kit-include}", ("kit-include", "refused", "inside the project folder")),
]
