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

  function digit36 (code) { return code <= 57 ? code - 48 : code - 87 }   // '0'-'9', 'a'-'z'

  /*
   * One field's postings, term-major as stored ({docs, tfs, starts}: term t's postings are
   * [starts[t], starts[t + 1])) and document-major ({byDoc, termsOf, tfsOf}: document d's terms,
   * ascending, are [byDoc[d], byDoc[d + 1])), with field lengths. Scans the text without splitting it.
   */
  function decodePostings (text, termCount, docCount) {
    var docs = []
    var tfs = []
    var starts = new Int32Array(termCount + 1)
    var t = 0
    var doc = -1
    var number = 0
    var tf = 0
    var inTf = false
    var inToken = false
    for (var i = 0; i <= text.length; i++) {
      var code = i < text.length ? text.charCodeAt(i) : 10    // the text ends as a line does
      if (code === 44 || code === 10) {                       // ',' or '\n' ends a posting
        if (inToken) {
          doc += (number >> 1) + 1
          docs.push(doc)
          tfs.push(number & 1 ? tf : 1)
        }
        number = tf = 0
        inTf = inToken = false
        if (code === 10) { t++; starts[t] = docs.length; doc = -1 }
      } else if (code === 58) {                               // ':' then the frequency
        inTf = true
      } else {
        inToken = true
        if (inTf) tf = tf * 36 + digit36(code)
        else number = number * 36 + digit36(code)
      }
    }
    var byDoc = new Int32Array(docCount + 1)
    for (var k = 0; k < docs.length; k++) byDoc[docs[k] + 1]++
    for (var d = 0; d < docCount; d++) byDoc[d + 1] += byDoc[d]
    var fill = byDoc.slice(0, docCount)
    var termsOf = new Int32Array(docs.length)
    var tfsOf = new Int32Array(docs.length)
    var lengths = new Float64Array(docCount)
    var total = 0
    for (var term = 0; term < termCount; term++) {
      for (k = starts[term]; k < starts[term + 1]; k++) {
        var at = fill[docs[k]]++
        termsOf[at] = term
        tfsOf[at] = tfs[k]
        lengths[docs[k]] += tfs[k]
        total += tfs[k]
      }
    }
    return { docs: docs, tfs: tfs, starts: starts, byDoc: byDoc, termsOf: termsOf, tfsOf: tfsOf,
      lengths: lengths, averageLength: total / docCount }
  }

  /* The position of `term` in the sorted `terms`, or -1. */
  function find (terms, term) {
    var low = 0
    var high = terms.length - 1
    while (low <= high) {
      var middle = (low + high) >> 1
      if (terms[middle] < term) low = middle + 1
      else if (terms[middle] > term) high = middle - 1
      else return middle
    }
    return -1
  }

  /* A read-only object whose properties `make(key)` computes on first use (undefined: absent). */
  function lazyMap (make, keys) {
    var made = Object.create(null)
    return new Proxy(made, {
      get: function (target, key) {
        if (typeof key !== 'string') return undefined
        if (!(key in made)) made[key] = make(key)
        return made[key]
      },
      has: function (target, key) { return typeof key === 'string' && this.get(target, key) !== undefined },
      ownKeys: function () { return keys() },
      getOwnPropertyDescriptor: function (target, key) {
        var value = this.get(target, key)
        return value === undefined ? undefined : { value: value, writable: false, enumerable: true, configurable: true }
      }
    })
  }

  /*
   * The TokenSet lunr intersects query terms with. A word or a prefix (most queries) is looked up
   * in the sorted terms; anything else (fuzzy, other wildcards) builds lunr's own TokenSet once.
   * Building it for every term up front would cost ~0.1 s per shard before the first results.
   */
  function LazyTokenSet (terms) {
    this.terms = terms
    this.full = null
  }

  /* "word" → {word, prefix: false}; "word*" → {word, prefix: true}; otherwise null. */
  function simpleClause (tokenSet) {
    var word = ''
    var node = tokenSet
    for (;;) {
      var edges = Object.keys(node.edges)
      // lunr.TokenSet.fromString makes "word*" a chain whose last node loops on "*".
      if (edges.length === 1 && edges[0] === '*' && node.edges['*'] === node && node.final) return { word: word, prefix: true }
      if (edges.length === 0) return node.final ? { word: word, prefix: false } : null
      if (edges.length !== 1 || edges[0] === '*' || node.final) return null
      word += edges[0]
      node = node.edges[edges[0]]
    }
  }

  LazyTokenSet.prototype.intersect = function (other) {
    var clause = simpleClause(other)
    if (!clause) {
      this.full = this.full || lunr.TokenSet.fromArray(this.terms)
      return this.full.intersect(other)
    }
    if (!clause.prefix) {
      return lunr.TokenSet.fromArray(find(this.terms, clause.word) === -1 ? [] : [clause.word])
    }
    var low = 0
    var high = this.terms.length
    while (low < high) {
      var middle = (low + high) >> 1
      if (this.terms[middle] < clause.word) low = middle + 1
      else high = middle
    }
    var found = []
    for (var i = low; i < this.terms.length && this.terms[i].lastIndexOf(clause.word, 0) === 0; i++) found.push(this.terms[i])
    return lunr.TokenSet.fromArray(found)
  }

  /*
   * A lunr.Index equal to what lunr.Builder would build from the same documents: the same
   * inverted index (without metadata) and field vectors scored with the same operations in the
   * same order (lunr.Builder#createFieldVectors), so results and scores are lunr's own. Postings
   * and vectors are made when a query first reads them: a shard is ready in a fraction of the time.
   */
  function loadIndex (json) {
    if (json.format !== 1) throw new Error('unknown search index format ' + json.format + ': rebuild the site')
    var fields = json.fields
    var count = json.count
    var terms = decodeTerms(json.terms)
    var postings = fields.map(function (field, f) { return decodePostings(json.postings[f], terms.length, count) })
    var docBoosts = {}
    ;(json.docBoosts || []).forEach(function (pair) { docBoosts[pair[0]] = pair[1] })

    // lunr.idf counts a document once per field holding the term.
    var idf = new Float64Array(terms.length)
    for (var t = 0; t < terms.length; t++) {
      var withTerm = 0
      for (var f = 0; f < fields.length; f++) withTerm += postings[f].starts[t + 1] - postings[f].starts[t]
      var x = (count - withTerm + 0.5) / (withTerm + 0.5)
      idf[t] = Math.log(1 + Math.abs(x))
    }

    function posting (term) {
      var t = find(terms, term)
      if (t === -1) return undefined
      var result = { _index: t }
      fields.forEach(function (field, f) {
        var p = postings[f]
        var refs = {}
        for (var k = p.starts[t]; k < p.starts[t + 1]; k++) refs[p.docs[k].toString(36)] = NO_METADATA
        result[field] = refs
      })
      return result
    }

    function fieldVector (fieldRef) {
      var slash = fieldRef.indexOf('/')
      var f = fields.indexOf(fieldRef.slice(0, slash))
      var ref = fieldRef.slice(slash + 1)
      var doc = parseInt(ref, 36)
      if (f === -1 || !(doc >= 0 && doc < count) || doc.toString(36) !== ref) return undefined
      var p = postings[f]
      if (p.byDoc[doc] === p.byDoc[doc + 1]) return undefined
      var fieldBoost = json.boosts[f] || 1
      var docBoost = docBoosts[doc] || 1
      var length = p.lengths[doc]
      var elements = []
      for (var k = p.byDoc[doc]; k < p.byDoc[doc + 1]; k++) {
        var tf = p.tfsOf[k]
        var score = idf[p.termsOf[k]] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / p.averageLength)) + tf)
        score *= fieldBoost
        score *= docBoost
        elements.push(p.termsOf[k], Math.round(score * 1000) / 1000)
      }
      return new lunr.Vector(elements)
    }

    function fieldRefs () {
      var refs = []
      fields.forEach(function (field, f) {
        for (var doc = 0; doc < count; doc++) {
          if (postings[f].byDoc[doc] < postings[f].byDoc[doc + 1]) refs.push(field + '/' + doc.toString(36))
        }
      })
      return refs
    }

    return new lunr.Index({
      invertedIndex: lazyMap(posting, function () { return terms.slice() }),
      fieldVectors: lazyMap(fieldVector, fieldRefs),
      tokenSet: new LazyTokenSet(terms),
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
