"""The typed summary: the model of a meeting, its fields, figures and vocabulary."""
