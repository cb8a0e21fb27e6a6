// Loads a Quotewire index with lunr.js 2.3.9 + quotewire-lunr.js and runs queries.
// argv[2]: quotewire-lunr.js, argv[3]: index JSON file, argv[4]: store JSON file; stdin: a JSON
// array of lunr query strings. Prints a JSON array: for each query, its results as
// [[store ref, score], ...] best first, or {"error": message}. Used by tests/test_search_index.py.
const fs = require('fs')
const quotewire = require(process.argv[2])
const index = quotewire.loadIndex(JSON.parse(fs.readFileSync(process.argv[3], 'utf8')))
const store = JSON.parse(fs.readFileSync(process.argv[4], 'utf8'))

const queries = JSON.parse(fs.readFileSync(0, 'utf8'))
const out = queries.map((query) => {
  try {
    return index.search(query).map((r) => [quotewire.storeEntry(store, r.ref).ref, r.score])
  } catch (e) {
    return { error: e.message }
  }
})
process.stdout.write(JSON.stringify(out))
