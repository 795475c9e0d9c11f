"""The language both checking and drafting read: numbers, places, scripts, the press's words."""
