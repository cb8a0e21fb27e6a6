"""Search: the lunr.js index and result store built from the site's documents.

pipeline.py and stemmer.py turn text into the terms lunr.js 2.3.9 makes; lunr_format.py
writes lunr.js's serialized index; index.py is the stage, ``build_search``.
"""

from generator.search.index import SearchDoc, SearchOutput, build_search

__all__ = ["SearchDoc", "SearchOutput", "build_search"]
