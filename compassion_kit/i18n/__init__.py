"""Editions in other languages: which pages a translation holds, its front
matter and data through gettext catalogues, and the kit's own words."""
