"""What the tests share besides the fixtures of conftest.py, importable from
every folder of tests/ as ``helpers.<module>`` (pytest's ``pythonpath``
setting puts tests/ on the import path):

- ``pdfcheck``: every way a test reads a PDF (pypdf, PDFium, pikepdf, poppler, qpdf);
- ``filledcheck``: a handout's form filled in as a viewer does, rendered and measured;
- ``linkcheck``: every internal link and anchor of a built site;
- ``readability``: the client-facing text of a page and its reading grade;
- ``spanish``: English words and spelling in the Spanish site's text;
- ``kit``: the kit's own items (practices, info sheets, workshops, logs);
- ``browserkit``: Chromium, the local server and the library's expectations
  for the browser tests (their JavaScript lives in tests/browser/*.js);
- ``hostile``: the hostile and careless inputs of fixtures/test_hostile_builds.py;
- ``defects``: defects planted in a built project, and the check that its
  build fails clearly and publishes nothing;
- ``sitebuild``: the one build of the whole kit that every test process shares.
"""
