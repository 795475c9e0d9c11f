"""Write: the output formats (HTML, PDF and its attachments) and the one file writer."""
