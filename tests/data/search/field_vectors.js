// Rebuilds the field vectors of a Quotewire index (every term chunk, quotewire-lunr.js view) and
// prints them as {fieldRef: {term: score}}, as build_with_lunr_js.js prints lunr.Builder's.
// argv[2]: quotewire-lunr.js, argv[3]: the folder of the search files, argv[4]: the meta file's name.
const fieldVectors = require('./vectors.js')
const quotewire = require(process.argv[2])
const index = require('./load_index.js')(quotewire, process.argv[3], process.argv[4]).whole()
Object.keys(index.invertedIndex).forEach((term) => index.invertedIndex[term])   // every posting read
process.stdout.write(JSON.stringify(fieldVectors(index)))
