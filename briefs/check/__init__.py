"""Check: every summary validated and held to its articles before anything is built."""
