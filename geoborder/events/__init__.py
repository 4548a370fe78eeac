"""Finding events in articles: closures, reopenings and attacks, with their dates, places, casualties and actors."""
