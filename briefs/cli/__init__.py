"""The command line: a thin skin of click over the library."""
