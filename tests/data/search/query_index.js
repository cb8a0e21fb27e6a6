// Runs lunr.js queries (lunr.Index#search) on a whole Quotewire index (every term chunk) and prints,
// for each, [[document number, score], ...] best first, or {"error": message}.
// argv[2]: quotewire-lunr.js, argv[3]: folder, argv[4]: meta file; stdin: a JSON array of queries.
// Used by tests/test_search_index.py, and build_with_lunr_js.js prints lunr.Builder's for the same.
const fs = require('fs')
const quotewire = require(process.argv[2])
const loaded = require('./load_index.js')(quotewire, process.argv[3], process.argv[4])
const queries = JSON.parse(fs.readFileSync(0, 'utf8'))
process.stdout.write(JSON.stringify(queries.map((query) => {
  try {
    return loaded.whole().search(query).map((r) => [parseInt(r.ref, 36), r.score])
  } catch (e) {
    return { error: e.message }
  }
})))
