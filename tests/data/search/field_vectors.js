// Rebuilds a lunr.js index from a Quotewire shard (quotewire-lunr.js loadIndex) and prints its field
// vectors as {fieldRef: {term: score}}, as build_with_lunr_js.js prints lunr.Builder's.
// argv[2]: quotewire-lunr.js, argv[3]: shard JSON file. Used by tests/test_search_index.py.
const fs = require('fs')
const quotewire = require(process.argv[2])
const index = quotewire.loadIndex(JSON.parse(fs.readFileSync(process.argv[3], 'utf8')).index)

const termOf = {}
Object.keys(index.invertedIndex).forEach((term) => { termOf[index.invertedIndex[term]._index] = term })
const out = {}
Object.keys(index.fieldVectors).forEach((fieldRef) => {
  const elements = index.fieldVectors[fieldRef].elements
  if (!elements.length) return
  out[fieldRef] = {}
  for (let i = 0; i < elements.length; i += 2) out[fieldRef][termOf[elements[i]]] = elements[i + 1]
})
process.stdout.write(JSON.stringify(out))
