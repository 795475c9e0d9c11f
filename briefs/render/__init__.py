"""Render: a brief or digest as an HTML page, localized, with its charts and context."""
