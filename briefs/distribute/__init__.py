"""Distribute: getting built briefs to readers, as a published folder and by email."""
