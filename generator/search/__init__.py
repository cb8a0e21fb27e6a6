"""Search: one lunr.js-compatible index over the whole archive, in files a query loads as it needs them.

pipeline.py and stemmer.py turn text into the terms lunr.js 2.3.9 makes; format.py writes the
files; index.py builds them (the stage's pure core); site.py makes the documents from the site.
"""

from generator.search.index import SearchDoc, SearchIndex, build_index

__all__ = ["SearchDoc", "SearchIndex", "build_index"]
