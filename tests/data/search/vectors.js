// A lunr.js index's field vectors as {fieldRef: {term: score}}: what field_vectors.js and
// build_with_lunr_js.js print, so that tests/test_search_index.py can compare the two.
module.exports = function fieldVectors (index) {
  const termOf = {}
  Object.keys(index.invertedIndex).forEach((term) => { termOf[index.invertedIndex[term]._index] = term })
  const out = {}
  Object.keys(index.fieldVectors).forEach((fieldRef) => {
    const elements = index.fieldVectors[fieldRef].elements
    if (!elements.length) return
    out[fieldRef] = {}
    for (let i = 0; i < elements.length; i += 2) out[fieldRef][termOf[elements[i]]] = elements[i + 1]
  })
  return out
}
