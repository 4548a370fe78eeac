"""Reading articles: files, sidecars, JSON Lines, text normalisation."""
