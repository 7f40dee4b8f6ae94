"""The website: page furniture, the library and its cards, crisis lines and
support roles, downloads and the links from pages to their PDFs."""
