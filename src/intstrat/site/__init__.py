"""The public web site (`intstrat site`): static pages of the international work.

`build_site(repo, out, Options(...))` writes it; `pages` makes what each page
shows, `worldmap` draws the offline map, `build` renders and writes.
"""

from intstrat.site.build import Options, Written, build_site

__all__ = ["Options", "Written", "build_site"]
