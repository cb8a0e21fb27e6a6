// Rebuilds a lunr.js index from a Quotewire shard (quotewire-lunr.js loadIndex) and prints its field
// vectors as {fieldRef: {term: score}}, as build_with_lunr_js.js prints lunr.Builder's.
// argv[2]: quotewire-lunr.js, argv[3]: shard JSON file. Used by tests/test_search_index.py.
const fs = require('fs')
const fieldVectors = require('./vectors.js')
const quotewire = require(process.argv[2])
const index = quotewire.loadIndex(JSON.parse(fs.readFileSync(process.argv[3], 'utf8')).index)

process.stdout.write(JSON.stringify(fieldVectors(index)))
