"""What checking and drafting both read out of Indonesian text: who said it."""
