// Loads a Quotewire shard with lunr.js 2.3.9 + quotewire-lunr.js and runs queries.
// argv[2]: quotewire-lunr.js, argv[3]: shard JSON file; stdin: a JSON array of lunr query
// strings. Prints a JSON array: for each query, its results as [[store url, score], ...] best
// first, or {"error": message}. Used by tests/test_search_index.py.
const fs = require('fs')
const quotewire = require(process.argv[2])
const shard = quotewire.loadShard(JSON.parse(fs.readFileSync(process.argv[3], 'utf8')))

const queries = JSON.parse(fs.readFileSync(0, 'utf8'))
const out = queries.map((query) => {
  try {
    return shard.index.search(query).map((r) => [quotewire.storeEntry(shard.store, r.ref).url, r.score])
  } catch (e) {
    return { error: e.message }
  }
})
process.stdout.write(JSON.stringify(out))
