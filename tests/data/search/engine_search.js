// Runs quotewire-search.js's engine (what the search page runs) in node over Quotewire shards.
// argv[2]: quotewire-lunr.js, argv[3...]: shard JSON files; stdin: a JSON array of query texts as
// typed. Prints, for each, {urls: [...] best first, fuzzy, error}. Used by tests/test_search_index.py.
const fs = require('fs')
const path = require('path')
require(process.argv[2])
const quotewireSearch = require(path.join(path.dirname(process.argv[2]), 'quotewire-search.js'))
const engine = quotewireSearch.engine()
process.argv.slice(3).forEach((file) => engine.add(JSON.parse(fs.readFileSync(file, 'utf8'))))
const texts = JSON.parse(fs.readFileSync(0, 'utf8'))
process.stdout.write(JSON.stringify(texts.map((text) => {
  const reply = engine.search(text)
  return { urls: reply.results.map((r) => r.url), fuzzy: reply.fuzzy, error: reply.error && reply.error.message }
})))
