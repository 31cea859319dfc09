"""The documents people read: the annual report, the brochure, and how they are rendered.

Builders turn a repository into a typed context (`report`, `brochure`);
`render` draws it through the one Jinja environment as Markdown, HTML or PDF,
`word` as a .docx, `charts` draws the figures. May import `intstrat.query`,
`intstrat.domain` and everything below them, never `intstrat.commands`.
"""
