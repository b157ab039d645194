"""Rule families, one module each (elements, layout, headings, punctuation, numbers, genre,
style, duplicates).  Importing a module registers its rules in :mod:`.registry`."""
