"""The public pages, one module per page (briefings, countries, actors, events, search, the
track record), with what several of them show alike in `common`, `outcomes` and `trends`.
Every page starts from a `published()` QuerySet."""
