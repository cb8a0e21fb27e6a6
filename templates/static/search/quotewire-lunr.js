/*
 * quotewire-lunr.js: what lunr.js 2.3.9 needs to load and query a Quotewire index.
 *
 * The index is built in Python (generator/search/) with a pipeline proved identical to this one
 * by tests/test_search_pipeline.py. It names its search pipeline
 * ["quotewire-fold", "quotewire-trimmer", "quotewire-stemmer"]; this file registers those names
 * (plus "quotewire-stopWordFilter" for documents) with lunr.Pipeline. Load it after lunr.js, in a
 * page, a Web Worker (importScripts) or node (require). Exposes `quotewire` with:
 *   fold(str)               the accent fold (same as generator/search/pipeline.py fold)
 *   queryTerm(str)          a whole query word as the index stores it (folded, trimmed, stemmed)
 *                           lunr skips the pipeline for terms with a wildcard: for a prefix
 *                           ("jos" + "*") use fold(str.toLowerCase()), not queryTerm (stems cut words)
 *   isStopWord(str)         true for lunr's English stop words (drop them from AND queries)
 *   loadShard(json)         {index: lunr.Index, store} from a parsed shard (generator/search/index.py)
 *   loadIndex(json)         lunr.Index from the "index" part of a shard: Quotewire's compact format
 *                           (generator/search/compact.py), scored as lunr.Builder scores
 *   storeEntry(store, ref)  {type, url, title, date, speaker, snippet, parent} for a result ref;
 *                           parent is the parent's row (a quote's article) or -1
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory(require('lunr'))
  } else {
    root.quotewire = factory(root.lunr)
  }
}(typeof self !== 'undefined' ? self : this, function (lunr) {
  'use strict'

  // Letters NFD does not decompose, and typographic apostrophes. Keep in step with FOLD_TABLE in
  // generator/search/pipeline.py (a test compares them).
  var FOLD_TABLE = {
    'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd',
    'þ': 'th', 'ı': 'i', 'ħ': 'h', 'ŧ': 't', 'ŀ': 'l', 'ĳ': 'ij', 'ſ': 's',
    'ƒ': 'f', 'ɨ': 'i', 'ʉ': 'u', 'ŋ': 'n', 'ĸ': 'k',
    '\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u2032': "'"
  }
  var FOLD_CHARS = new RegExp('[' + Object.keys(FOLD_TABLE).join('') + ']', 'g')
  // Explicit ranges so both sides agree whatever Unicode version the runtime ships.
  var COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g
  var NON_ASCII = /[^\x00-\x7f]/
  var POSSESSIVE = /'s(?=[^A-Za-z0-9_]*$)/

  /* "josé" → "jose", "erdoğan" → "erdogan", "blair's" → "blair". Expects lowercase input. */
  function fold (str) {
    if (NON_ASCII.test(str)) {
      str = str.normalize('NFD').replace(COMBINING, '').replace(FOLD_CHARS, function (ch) {
        return FOLD_TABLE[ch]
      })
    }
    if (str.indexOf("'") !== -1) {
      str = str.replace(POSSESSIVE, '')
    }
    return str
  }

  function foldToken (token) {
    return token.update(fold)
  }
  // Wrappers, not the lunr.js functions themselves: registering sets fn.label, and lunr's own
  // indexes must keep serializing "trimmer" and "stemmer".
  function trimmer (token) { return lunr.trimmer(token) }
  function stopWordFilter (token) { return lunr.stopWordFilter(token) }
  function stemmer (token) { return lunr.stemmer(token) }

  var registered = lunr.Pipeline.registeredFunctions
  var functions = {
    'quotewire-fold': foldToken,
    'quotewire-trimmer': trimmer,
    'quotewire-stopWordFilter': stopWordFilter,
    'quotewire-stemmer': stemmer
  }
  Object.keys(functions).forEach(function (label) {
    if (!(label in registered)) {
      lunr.Pipeline.registerFunction(functions[label], label)
    }
  })

  var queryPipeline = new lunr.Pipeline()
  queryPipeline.add(foldToken, trimmer, stemmer)

  function queryTerm (str) {
    var terms = queryPipeline.runString(str.toLowerCase())
    return terms.length ? terms[0] : ''
  }

  function isStopWord (str) {
    return !lunr.stopWordFilter(new lunr.Token(str.toLowerCase()))
  }

  // lunr.Builder's BM25 parameters (lunr.js 2.3.9 defaults).
  var K1 = 1.2
  var B = 0.75
  var NO_METADATA = {}          // the index has no metadata; lunr only reads (clones) these objects

  function decodeTerms (text) {
    var lines = text.split('\n')
    var terms = new Array(lines.length)
    var previous = ''
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i]
      previous = terms[i] = previous.slice(0, parseInt(line[0], 36)) + line.slice(1)
    }
    return terms
  }

  /* Postings of one field: {docs, tfs} (flat) and starts[i] where term i's postings begin. */
  function decodePostings (text, termCount) {
    var lines = text.split('\n')
    var docs = []
    var tfs = []
    var starts = new Int32Array(termCount + 1)
    for (var i = 0; i < termCount; i++) {
      starts[i] = docs.length
      var line = lines[i]
      if (!line) continue
      var tokens = line.split(',')
      var doc = -1
      for (var j = 0; j < tokens.length; j++) {
        var token = tokens[j]
        var colon = token.indexOf(':')
        var code = parseInt(colon === -1 ? token : token.slice(0, colon), 36)
        doc += (code >> 1) + 1
        docs.push(doc)
        tfs.push(code & 1 ? parseInt(token.slice(colon + 1), 36) : 1)
      }
    }
    starts[termCount] = docs.length
    return { docs: docs, tfs: tfs, starts: starts }
  }

  /*
   * A lunr.Index equal to what lunr.Builder would build from the same documents: the same
   * inverted index (without metadata) and field vectors scored with the same operations in the
   * same order (lunr.Builder#createFieldVectors), so results and scores are lunr's own.
   */
  function loadIndex (json) {
    if (json.format !== 1) throw new Error('unknown search index format ' + json.format + ': rebuild the site')
    var fields = json.fields
    var count = json.count
    var terms = decodeTerms(json.terms)
    var postings = fields.map(function (field, f) { return decodePostings(json.postings[f], terms.length) })
    var refs = new Array(count)
    for (var d = 0; d < count; d++) refs[d] = d.toString(36)
    var docBoosts = {}
    ;(json.docBoosts || []).forEach(function (pair) { docBoosts[pair[0]] = pair[1] })

    // lunr.idf counts a document once per field holding the term.
    var withTerm = new Int32Array(terms.length)
    var invertedIndex = Object.create(null)
    for (var t = 0; t < terms.length; t++) {
      var posting = { _index: t }
      for (var f = 0; f < fields.length; f++) {
        var p = postings[f]
        var refsOfField = {}
        for (var k = p.starts[t]; k < p.starts[t + 1]; k++) refsOfField[refs[p.docs[k]]] = NO_METADATA
        posting[fields[f]] = refsOfField
        withTerm[t] += p.starts[t + 1] - p.starts[t]
      }
      invertedIndex[terms[t]] = posting
    }

    var fieldVectors = Object.create(null)
    fields.forEach(function (field, f) {
      var p = postings[f]
      var lengths = new Float64Array(count)
      var total = 0
      for (var k = 0; k < p.docs.length; k++) { lengths[p.docs[k]] += p.tfs[k]; total += p.tfs[k] }
      var averageLength = total / count
      var fieldBoost = json.boosts[f] || 1
      var elements = new Array(count)
      for (var t = 0; t < terms.length; t++) {
        if (p.starts[t] === p.starts[t + 1]) continue
        var x = (count - withTerm[t] + 0.5) / (withTerm[t] + 0.5)
        var idf = Math.log(1 + Math.abs(x))
        for (var k = p.starts[t]; k < p.starts[t + 1]; k++) {
          var doc = p.docs[k]
          var tf = p.tfs[k]
          var score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (lengths[doc] / averageLength)) + tf)
          score *= fieldBoost
          score *= docBoosts[doc] || 1
          ;(elements[doc] || (elements[doc] = [])).push(t, Math.round(score * 1000) / 1000)
        }
      }
      for (var doc = 0; doc < count; doc++) {
        if (elements[doc]) fieldVectors[field + '/' + refs[doc]] = new lunr.Vector(elements[doc])
      }
    })

    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms),
      fields: fields,
      pipeline: lunr.Pipeline.load(json.pipeline)
    })
  }

  function loadShard (json) {
    return { index: loadIndex(json.index), store: json.store }
  }

  /* The store row of index ref `ref` (base 36); a child (a quote) takes title, date, url from its parent. */
  function storeEntry (store, ref) {
    var row = parseInt(ref, 36)
    if (!(row >= 0 && row < store.type.length)) return null
    var back = store.parent[row]
    var parent = back ? row - back : -1
    return {
      type: store.type[row],
      // A child's url is a fragment of its parent's page ("#q-3").
      url: back ? store.url[parent] + store.url[row] : store.url[row],
      title: back ? store.title[parent] : store.title[row],
      date: back ? store.date[parent] : store.date[row],
      speaker: store.speaker[row],
      snippet: store.snippet[row],
      parent: parent
    }
  }

  return {
    FOLD_TABLE: FOLD_TABLE,
    fold: fold,
    queryTerm: queryTerm,
    isStopWord: isStopWord,
    loadIndex: loadIndex,
    loadShard: loadShard,
    storeEntry: storeEntry,
    pipelines: {
      index: [foldToken, trimmer, stopWordFilter, stemmer],
      query: [foldToken, trimmer, stemmer]
    }
  }
}))
