/*
 * quotewire-lunr.js: what lunr.js 2.3.9 needs to query Quotewire's index (generator/search/format.py).
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
 *   parseScript(name, text) the data of a search file read as text (fetch), without running it
 *   Archive(meta)           the index's layout: which file holds a term or a document, and a
 *                           document's type, year and article, from the meta file alone
 *   decodeTerms(text)       front-coded terms (a term chunk's, the dictionary's) as an array
 *   decodeChunk(json)       a term chunk, decoded: {terms, fields: [{starts, docs, tfs, lengths}]}
 *   view(archive, chunks)   a lunr.Index over the loaded term chunks ({number, chunk} each), scored
 *                           as lunr.Builder scores the whole archive (one idf, one average length)
 *   storeEntry(archive, id, columns) {type, url, title, date, speaker, snippet} of document `id`
 *                           from its store chunk's columns
 *   find(terms, term)       the position of `term` in the sorted `terms`, or -1
 *   decodePositions(json)   a positions file, decoded line by line as it is read
 *   positionsIn(archive, loaded, t, doc, f, positions) the positions of term t of a loaded chunk
 *                           ({number, chunk}) in field f of document `doc`, or null
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

  function parseScript (name, text) {
    var prefix = '(self.quotewireData = self.quotewireData || {})[' + JSON.stringify(name) + '] = '
    if (text.lastIndexOf(prefix, 0) !== 0) throw new Error('not a search file for ' + name)
    return JSON.parse(text.slice(prefix.length, text.lastIndexOf(';')))
  }

  function decodeTerms (text) {
    if (text === '') return []
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
   * One field's postings, term-major: term t's postings are [starts[t], starts[t + 1]) of docs
   * (document numbers), tfs and lengths (the document's field length). Scans the text once.
   */
  function decodePostings (text, termCount) {
    var docs = []
    var tfs = []
    var lengths = []
    var starts = new Int32Array(termCount + 1)
    var t = 0
    var doc = -1
    var number = 0
    var tf = 0
    var length = 0
    var part = 0                 // 0: gap, 1: tf, 2: length
    var inToken = false
    for (var i = 0; i <= text.length; i++) {
      var code = i < text.length ? text.charCodeAt(i) : 10    // the text ends as a line does
      if (code === 44 || code === 10) {                       // ',' or '\n' ends a posting
        if (inToken) {
          doc += (number >> 1) + 1
          docs.push(doc)
          tfs.push(number & 1 ? tf : 1)
          lengths.push(length)
        }
        number = tf = length = part = 0
        inToken = false
        if (code === 10) { t++; if (t <= termCount) starts[t] = docs.length; doc = -1 }
      } else if (code === 58) {                               // ':' then the frequency
        part = 1
      } else if (code === 46) {                               // '.' then the length
        part = 2
      } else {
        inToken = true
        if (part === 0) number = number * 36 + digit36(code)
        else if (part === 1) tf = tf * 36 + digit36(code)
        else length = length * 36 + digit36(code)
      }
    }
    return { starts: starts, docs: docs, tfs: tfs, lengths: lengths }
  }

  function decodeChunk (json) {
    var terms = decodeTerms(json.terms)
    return {
      terms: terms,
      fields: json.postings.map(function (text) { return decodePostings(text, terms.length) })
    }
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

  /* The last i with sorted[i] <= value (sorted ascending, sorted[0] <= value), by `key`. */
  function lastAtMost (sorted, value, key) {
    var low = 0
    var high = sorted.length - 1
    while (low < high) {
      var middle = (low + high + 1) >> 1
      if (key(sorted[middle]) <= value) low = middle
      else high = middle - 1
    }
    return low
  }

  function identity (x) { return x }
  function first (pair) { return pair[0] }

  /*
   * The index's layout from its meta file (generator/search/format.py): documents are numbered
   * articles (oldest first), their quotes, then speaker and entity pages in buckets.
   */
  function Archive (meta) {
    if (meta.format !== 3) throw new Error('unknown search index format ' + meta.format + ': rebuild the site')
    this.meta = meta
    var articles = this.articles = meta.articles
    var quoteStarts = this.quoteStarts = new Int32Array(articles + 1)   // quotes of article a: [a, a+1)
    quoteStarts[0] = articles
    for (var a = 0; a < articles; a++) quoteStarts[a + 1] = quoteStarts[a] + meta.quotes[a]
    this.namesStart = quoteStarts[articles]
    var yearStarts = this.yearStarts = []
    var at = 0
    meta.years.forEach(function (pair) { yearStarts.push(at); at += pair[1] })
    var buckets = this.buckets = []
    at = this.namesStart
    meta.names.forEach(function (bucket) { buckets.push(at); at += bucket[0] + bucket[1] })
    var termStarts = this.termStarts = []      // the global number of each chunk's first term
    at = 0
    meta.terms.forEach(function (chunk) { termStarts.push(at); at += chunk[1] })
    this.firstTerms = meta.terms.map(first)
    this.averages = meta.lengths.map(function (total) { return total / meta.count })
    this.docBoosts = {}
    var boosts = this.docBoosts
    meta.docBoosts.forEach(function (pair) { boosts[pair[0]] = pair[1] })
  }

  Archive.prototype.type = function (id) {
    if (id < this.articles) return 'article'
    if (id < this.namesStart) return 'quote'
    var b = lastAtMost(this.buckets, id, identity)
    return id - this.buckets[b] < this.meta.names[b][0] ? 'speaker' : 'entity'
  }

  /* The article a quote belongs to (an article's own number for an article), or -1. */
  Archive.prototype.article = function (id) {
    if (id < this.articles) return id
    if (id >= this.namesStart) return -1
    return lastAtMost(this.quoteStarts, id, identity)
  }

  /* Whether a quote's speaker is named in its own sentence (meta.named: four quotes a hex digit). */
  Archive.prototype.named = function (id) {
    if (id < this.articles || id >= this.namesStart) return false
    var k = id - this.articles
    return ((parseInt((this.meta.named || '').charAt(k >> 2) || '0', 16) >> (k & 3)) & 1) === 1
  }

  /* The year of an article or a quote ("" for a speaker or entity page). */
  Archive.prototype.year = function (id) {
    var a = this.article(id)
    if (a < 0) return ''
    return String(this.meta.years[lastAtMost(this.yearStarts, a, identity)][0])
  }

  /* The chunk that would hold `term`. */
  Archive.prototype.chunkOf = function (term) {
    return this.firstTerms.length ? lastAtMost(this.firstTerms, term, identity) : -1
  }

  /* The chunks that hold terms starting with `prefix`: [first, last]. */
  Archive.prototype.chunksOfPrefix = function (prefix) {
    return [this.chunkOf(prefix), this.chunkOf(prefix + '\uffff')]
  }

  /* {file, row} of document `id` in the store. */
  Archive.prototype.storePlace = function (id) {
    var span = this.meta.store[0]
    var files = this.meta.store[1]
    if (id >= this.namesStart) {
      var b = lastAtMost(this.buckets, id, identity)
      return { file: this.meta.names[b][2], row: id - this.buckets[b], parentRow: -1 }
    }
    var a = this.article(id)
    var k = Math.floor(a / span)
    var start = k * span
    var end = Math.min(start + span, this.articles)
    if (id < this.articles) return { file: files[k], row: a - start, parentRow: -1 }
    return { file: files[k], row: end - start + id - this.quoteStarts[start], parentRow: a - start }
  }

  /* The positions file of term chunk `number`, and the global number of its first term. */
  Archive.prototype.positionsPlace = function (number) {
    var group = this.meta.positions[0]
    var k = Math.floor(number / group)
    return { file: this.meta.positions[1][k], firstTerm: this.termStarts[k * group] }
  }

  /* A positions file (generator/search/format.py): its lines split when first read. */
  function decodePositions (json) {
    return { texts: json.positions, lines: [], tokens: Object.create(null) }
  }

  function positionsToken (positions, f, line, k) {
    var key = f + ' ' + line
    var tokens = positions.tokens[key]
    if (!tokens) {
      var lines = positions.lines[f] = positions.lines[f] || positions.texts[f].split('\n')
      tokens = positions.tokens[key] = (lines[line] || '').split(',')
    }
    return tokens[k]
  }

  /* The first k in [low, high) with docs[k] >= doc. */
  function lowerBound (docs, low, high, doc) {
    while (low < high) {
      var middle = (low + high) >> 1
      if (docs[middle] < doc) low = middle + 1
      else high = middle
    }
    return low
  }

  /*
   * The positions (ascending) of term `t` of `loaded` ({number, chunk}) in field `f` of document
   * `doc`, or null when the field does not hold it or has no positions (an article's own text).
   * `positions`: the decoded positions file of the chunk (Archive#positionsPlace).
   */
  function positionsIn (archive, loaded, t, doc, f, positions) {
    var p = loaded.chunk.fields[f]
    var start = p.starts[t]
    var end = p.starts[t + 1]
    var k = lowerBound(p.docs, start, end, doc)
    if (k === end || p.docs[k] !== doc) return null
    k -= start
    if (archive.meta.fields[f] === 'text') {           // only quotes have positions in their text
      if (doc < archive.articles || doc >= archive.namesStart) return null
      k -= lowerBound(p.docs, start, end, archive.articles) - start
    }
    var line = archive.termStarts[loaded.number] + t - archive.positionsPlace(loaded.number).firstTerm
    var token = positionsToken(positions, f, line, k)
    if (!token) return null
    var places = token.split('.')
    var at = 0
    for (var i = 0; i < places.length; i++) places[i] = at += parseInt(places[i], 36)
    return places
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
   * A lunr.Index over the loaded term chunks (`chunks`: [{number, chunk: decodeChunk(...)}] in
   * chunk order), equal for those terms to what lunr.Builder builds from the whole archive: the
   * same postings (without metadata) and field vector components, computed with lunr.Builder's
   * operations in its order (createFieldVectors), so that scores are lunr's own. A field vector
   * holds the components of the terms whose postings were read: lunr's query reads the postings
   * of every query term before any vector, and the query vector has no other term.
   */
  function view (archive, chunks) {
    var meta = archive.meta
    var fields = meta.fields
    var count = meta.count
    var terms = []
    var where = Object.create(null)     // term → [chunk, position]
    chunks.forEach(function (loaded) {
      loaded.chunk.terms.forEach(function (term, i) {
        terms.push(term)
        where[term] = [loaded, i]
      })
    })
    var elements = Object.create(null)  // fieldRef → [termIndex, score, ...] as postings are read

    function posting (term) {
      var found = where[term]
      if (!found) return undefined
      var loaded = found[0]
      var t = found[1]
      var termIndex = archive.termStarts[loaded.number] + t
      var withTerm = 0
      loaded.chunk.fields.forEach(function (p) { withTerm += p.starts[t + 1] - p.starts[t] })
      // lunr.idf counts a document once per field holding the term.
      var x = (count - withTerm + 0.5) / (withTerm + 0.5)
      var idf = Math.log(1 + Math.abs(x))
      var result = { _index: termIndex }
      fields.forEach(function (field, f) {
        var p = loaded.chunk.fields[f]
        var refs = {}
        var fieldBoost = meta.boosts[f] || 1
        var average = archive.averages[f]
        for (var k = p.starts[t]; k < p.starts[t + 1]; k++) {
          var doc = p.docs[k]
          var ref = doc.toString(36)
          refs[ref] = NO_METADATA
          var tf = p.tfs[k]
          var score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (p.lengths[k] / average)) + tf)
          score *= fieldBoost
          score *= archive.docBoosts[doc] || 1
          var key = field + '/' + ref
          ;(elements[key] = elements[key] || []).push(termIndex, Math.round(score * 1000) / 1000)
        }
        result[field] = refs
      })
      return result
    }

    function fieldVector (fieldRef) {
      var pairs = elements[fieldRef]
      if (!pairs) return undefined
      var order = []
      for (var i = 0; i < pairs.length; i += 2) order.push(i)
      order.sort(function (a, b) { return pairs[a] - pairs[b] })
      var sorted = []
      order.forEach(function (i) { sorted.push(pairs[i], pairs[i + 1]) })
      return new lunr.Vector(sorted)
    }

    return new lunr.Index({
      invertedIndex: lazyMap(posting, function () { return terms.slice() }),
      fieldVectors: lazyMap(fieldVector, function () { return Object.keys(elements) }),
      tokenSet: new LazyTokenSet(terms),
      fields: fields,
      pipeline: lunr.Pipeline.load(meta.pipeline)
    })
  }

  /* The store entry of document `id`; `columns` is its store chunk (storePlace(id).file). */
  function storeEntry (archive, id, columns) {
    var place = archive.storePlace(id)
    var row = place.row
    var parent = place.parentRow
    return {
      type: archive.type(id),
      // A quote's url is a fragment of its article's page ("#q-3").
      url: parent >= 0 ? columns.url[parent] + columns.url[row] : columns.url[row],
      title: parent >= 0 ? columns.title[parent] : columns.title[row],
      date: parent >= 0 ? columns.date[parent] : columns.date[row],
      speaker: columns.speaker[row],
      snippet: columns.snippet[row]
    }
  }

  return {
    FOLD_TABLE: FOLD_TABLE,
    fold: fold,
    queryTerm: queryTerm,
    isStopWord: isStopWord,
    parseScript: parseScript,
    Archive: Archive,
    decodeTerms: decodeTerms,
    decodeChunk: decodeChunk,
    view: view,
    storeEntry: storeEntry,
    find: find,
    decodePositions: decodePositions,
    positionsIn: positionsIn,
    pipelines: {
      index: [foldToken, trimmer, stopWordFilter, stemmer],
      query: [foldToken, trimmer, stemmer]
    }
  }
}))
