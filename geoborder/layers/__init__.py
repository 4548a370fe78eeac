"""Building the output layers from records, and writing them to disk."""
