"""The kit package's own facts: its version and where its files are.

Every module finds the kit's assets (print templates and CSS, fonts, static
files) and its message catalogues from here, so moving a module between the
package's folders never breaks a path.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

KIT_DIR = Path(__file__).parent
ASSETS_DIR = KIT_DIR / "assets"
STATIC_DIR = ASSETS_DIR / "static"
FONT_DIR = STATIC_DIR / "fonts"
PRINT_DIR = ASSETS_DIR / "print"
LOCALE_DIR = KIT_DIR / "locales"
