"""The live preview: the rebuild loop and the HTTP server that shows it."""
