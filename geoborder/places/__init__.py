"""Finding place names in text and resolving them to places."""
