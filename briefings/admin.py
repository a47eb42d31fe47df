"""The admin, where analysts curate and editors publish."""
