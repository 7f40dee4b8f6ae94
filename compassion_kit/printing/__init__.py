"""Print: each item's print HTML (write-in spaces, clinician details, footer,
links back), rendering it to PDF, the render cache and pool, and packs."""
