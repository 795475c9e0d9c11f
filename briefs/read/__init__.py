"""Read: YAML to typed summaries with their places, and the one safe file reader."""
