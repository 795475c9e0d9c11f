"""What checking and drafting share: numbers, places, scripts, and who said it."""
