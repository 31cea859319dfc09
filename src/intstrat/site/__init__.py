"""The public web site (`intstrat site`): static pages of the international work.

`build_site(repo, out, Options(...))` writes it; `pages` makes what each page
shows, `worldmap` draws the offline map, `build` renders and writes. It may
import every layer below it: documents (the one Jinja environment and its
Markdown), query (tables, search folding), domain, loading, format, i18n.
"""

from intstrat.site.build import Options, Written, build_site

__all__ = ["Options", "Written", "build_site"]
