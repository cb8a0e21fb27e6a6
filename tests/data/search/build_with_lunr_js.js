// Builds an index with lunr.js 2.3.9's own lunr.Builder and the Quotewire pipeline, and prints its
// field vectors as {fieldRef: {term: score}} and, for each of `queries`, lunr's results as
// [[ref as a number, score], ...]. argv[2]: quotewire-lunr.js; stdin: JSON
// {"fields": {name: boost}, "docs": [{"ref", "boost", "fields": {name: text}}], "queries": [...]}.
// Used by tests/test_search_index.py to check the scores quotewire-lunr.js computes from an index.
const fs = require('fs')
const fieldVectors = require('./vectors.js')
const lunr = require('lunr')
const quotewire = require(process.argv[2])
const input = JSON.parse(fs.readFileSync(0, 'utf8'))

// Quotewire drops tokens that trim to nothing; lunr.js would index "" for them.
function dropEmpty (token) { return token.toString() === '' ? undefined : token }
lunr.Pipeline.registerFunction(dropEmpty, 'test-dropEmpty')

const builder = new lunr.Builder()
builder.pipeline.add(...quotewire.pipelines.index, dropEmpty)
builder.searchPipeline.add(...quotewire.pipelines.query)
builder.ref('ref')
Object.keys(input.fields).forEach((name) => builder.field(name, { boost: input.fields[name] }))
input.docs.forEach((doc) => builder.add(Object.assign({ ref: doc.ref }, doc.fields), { boost: doc.boost }))
const index = builder.build()

const results = (input.queries || []).map((query) => {
  try {
    return index.search(query).map((r) => [parseInt(r.ref, 36), r.score])
  } catch (e) {
    return { error: e.message }
  }
})
process.stdout.write(JSON.stringify({ vectors: fieldVectors(index), results }))
