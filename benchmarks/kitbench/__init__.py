"""The parts of the build benchmark; ``benchmarks/bench.py`` runs ``cli.main``.

- cli: the options, the runs in temporary folders, then the table and the JSON
- builds: one timed Sphinx build of a copy of the kit, in a fresh process
- sources: the changes a run makes to its copy (a space, new words, more exercises)
- pdf_stage: the PDF stage alone, serial and parallel, in the bench process
- peer: the same sources through sphinx-simplepdf, the peer we compare with
- weight: what a first page view loads, and the largest handout
- samples: what each run records, and the progress lines
- run: one run of every measure, in order
- targets: the medians judged against the README's targets, as table rows
- report: the table, the notes under it and the JSON document

A benchmark, not a test: nothing in tests/ imports these modules.
"""
