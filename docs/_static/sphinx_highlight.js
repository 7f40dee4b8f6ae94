/* Beyond Empathy: replaces Sphinx's _static/sphinx_highlight.js (a file of the
   same name in html_static_path wins over the theme's).

   Sphinx's version keeps the words a reader searched for in localStorage until
   they open a result, so a search such as "suicide" can stay behind on a shared
   phone or computer. This site turns search-term highlighting off instead, and
   so stores nothing. searchtools.js reads this flag. Checked by
   tests/test_browser.py (no cookies, no storage). */
"use strict";

const SPHINX_HIGHLIGHT_ENABLED = false;
