"""The read-only JSON API: published briefings, key judgments, events, actors and countries."""
