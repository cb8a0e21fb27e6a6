// Runs quotewire-search.js's engine (what the search page runs) in node over a Quotewire index.
// argv[2]: quotewire-lunr.js, argv[3]: the folder of the search files, argv[4]: the meta file's
// name; stdin: a JSON array of query texts as typed. Prints, for each, {urls: [...] best first,
// ids, types, years, fuzzy, error, files: search files loaded so far}. Used by tests/test_search_index.py.
const fs = require('fs')
const path = require('path')
const quotewire = require(process.argv[2])
const quotewireSearch = require(path.join(path.dirname(process.argv[2]), 'quotewire-search.js'))
const loaded = require('./load_index.js')(quotewire, process.argv[3], process.argv[4])
const engine = quotewireSearch.engine(loaded.load, process.argv[4])
const texts = JSON.parse(fs.readFileSync(0, 'utf8'))
async function main () {
  const out = []
  for (const text of texts) {
    const reply = await engine.search(text)
    const ids = reply.results.map((r) => r.id)
    const entries = await engine.entries(ids)
    out.push({ urls: ids.map((id) => entries[id].url), ids, types: reply.results.map((r) => r.type),
      years: reply.results.map((r) => r.year), scores: reply.results.map((r) => r.score),
      fuzzy: reply.fuzzy, error: reply.error && reply.error.message, files: engine.files })
  }
  process.stdout.write(JSON.stringify(out))
}
main().catch((e) => { console.error(e); process.exit(1) })
