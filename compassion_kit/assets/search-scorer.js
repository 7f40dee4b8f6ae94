// Beyond Empathy: how search results are ordered (web/webpage.py sets this file as
// html_search_scorer; Sphinx puts it into language_data.js on the search page).
// Sphinx's scores, plus a nudge toward what most searchers want to use: a
// practice first, then an info sheet, then a chapter, ahead of plans and
// guides that mention the same word in passing.
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    if (docname.startsWith("exercises/") && docname !== "exercises/index") return score + 3;
    if (docname.startsWith("docs/info-sheets/")) return score + 2;
    if (docname.startsWith("docs/chapters/")) return score + 1;
    return score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
