"""Full-text search over what readers may see: briefings, key judgments, events, actors
and quoted passages.

`index` keeps one `SearchDocument` of text per row, rewritten as rows are saved; `query`
finds the documents a reader may see that match, best first (PostgreSQL's full-text
search, or term matching on SQLite); `results` turns a page of them into headings and
highlighted snippets; `forms` reads the search page's query and filters.

Whether a document may be shown is never stored: every query starts from the models'
`published()` QuerySets, so a draft's text never reaches a result.
"""
