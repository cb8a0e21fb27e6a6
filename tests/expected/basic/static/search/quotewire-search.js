/*
 * quotewire-search.js: the search itself, the same code in a Web Worker (search-worker.js) and,
 * opened from disk where Workers cannot start, on the page. Load after lunr.js and
 * quotewire-lunr.js. Exposes `quotewireSearch.engine(indexJson, store)` whose
 * `search(text)` returns {results, fuzzy, error}; and `quotewireSearch.highlightParts`.
 *
 * How a query is read (lunr.js's QueryParser does the parsing, so its syntax passes through):
 *   - every word must match (AND), unless the query uses +word, then lunr's own rules apply;
 *   - stop words ("the", "of") are dropped: the index has none;
 *   - the last word also matches as a prefix while it is being typed ("glo" finds "global");
 *   - nothing found: the words are retried with an edit distance of 1, and the result says so.
 * An article's quotes are indexed apart from its text (no text is indexed twice), so an article
 * matches when its own fields and its quotes together hold every word.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory(require('lunr'), require('./quotewire-lunr.js'))
  } else {
    root.quotewireSearch = factory(root.lunr, root.quotewire)
  }
}(typeof self !== 'undefined' ? self : this, function (lunr, quotewire) {
  'use strict'

  var PRESENCE = lunr.Query.presence
  var WILDCARD = lunr.Query.wildcard
  var FUZZY_MIN_LENGTH = 4      // an edit on a shorter word matches too many others
  var PREFIX_MIN_LENGTH = 2
  var QUOTE_SHARE = 0.5         // how much a matching quote adds to its article's score

  var HINTS = [
    [/unrecognised field/, 'Fields you can search: title, speaker, entity, text. For example speaker:ren or title:huawei.'],
    [/expecting term|found nothing|expected term/, 'Put a word after the colon, for example title:huawei.'],
    [/edit distance/, 'Put a number after ~, for example murray~1.'],
    [/boost/, 'Put a number after ^, for example huawei^10.']
  ]
  var SYNTAX_HELP = 'Search syntax: words, +required, -excluded, field:word, prefix*, word~1.'

  function trimmed (str) {
    return lunr.trimmer(new lunr.Token(quotewire.fold(str.toLowerCase()))).toString()
  }

  function commonPrefix (a, b) {
    var n = 0
    while (n < a.length && n < b.length && a[n] === b[n]) n++
    return a.slice(0, n)
  }

  function TooCommon () {}

  function Engine (indexJson, store) {
    this.index = quotewire.loadIndex(indexJson)
    this.store = store
    this.rowOfRef = {}
    var refColumn = store.columns.indexOf('ref')
    for (var i = 0; i < store.docs.length; i++) this.rowOfRef[store.docs[i][refColumn]] = i
  }

  /* The query as wanted words: {presence, fields, clauses (for lunr), terms (index terms it matches)}. */
  Engine.prototype.plan = function (text, fuzzy) {
    var query = new lunr.Query(this.index.fields)
    new lunr.QueryParser(text, query).parse()
    var parsed = query.clauses.filter(function (clause) {
      return clause.usePipeline ? quotewire.queryTerm(clause.term) !== '' : clause.term.replace(/\*/g, '') !== ''
    })
    var typingLast = !fuzzy && !/[\s~^*:]$/.test(text)
    var explicit = parsed.some(function (c) { return c.presence === PRESENCE.REQUIRED })
    var self = this
    var words = []
    parsed.forEach(function (clause, i) {
      var presence = clause.presence === PRESENCE.OPTIONAL && !explicit ? PRESENCE.REQUIRED : clause.presence
      var base = { term: clause.term, fields: clause.fields, boost: clause.boost, usePipeline: clause.usePipeline, wildcard: clause.wildcard }
      if (clause.editDistance) base.editDistance = clause.editDistance
      if (!clause.usePipeline) base.term = quotewire.fold(clause.term)
      var plain = clause.usePipeline && !clause.editDistance
      // The index has no stop words: one can only be the start of a longer word being typed.
      var stopWord = clause.usePipeline && quotewire.isStopWord(clause.term)
      var clauses = stopWord ? [] : [base]
      if (plain && fuzzy && trimmed(clause.term).length >= FUZZY_MIN_LENGTH) {
        base.editDistance = 1
      } else if (plain && typingLast && i === parsed.length - 1 && presence !== PRESENCE.PROHIBITED) {
        var prefix = commonPrefix(trimmed(clause.term), quotewire.queryTerm(clause.term))
        if (prefix.length >= PREFIX_MIN_LENGTH) {
          clauses.push({ term: prefix + '*', fields: clause.fields, boost: clause.boost / 2, usePipeline: false, wildcard: WILDCARD.TRAILING })
        }
      }
      var terms = self.expand(clauses)
      if (clauses.length && !(stopWord && !Object.keys(terms).length)) {
        words.push({ presence: presence, fields: clause.fields, clauses: clauses, terms: terms })
      }
    })
    if (parsed.length && !words.some(function (w) { return w.presence !== PRESENCE.PROHIBITED })) {
      throw new TooCommon()
    }
    return words
  }

  /* The index terms a word's clauses match, as lunr.Index#query finds them. */
  Engine.prototype.expand = function (clauses) {
    var index = this.index
    var found = {}
    clauses.forEach(function (clause) {
      var terms = clause.usePipeline ? index.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term]
      terms.forEach(function (term) {
        var probe = { term: term }
        if (clause.editDistance) probe.editDistance = clause.editDistance
        index.tokenSet.intersect(lunr.TokenSet.fromClause(probe)).toArray().forEach(function (t) { found[t] = true })
      })
    })
    return found
  }

  /* Index refs of the documents that hold a -prohibited word: lunr drops those, not their quotes. */
  Engine.prototype.excluded = function (words) {
    var index = this.index
    var refs = {}
    words.forEach(function (word) {
      if (word.presence !== PRESENCE.PROHIBITED) return
      Object.keys(word.terms).forEach(function (term) {
        var postings = index.invertedIndex[term]
        word.fields.forEach(function (field) {
          Object.keys(postings && postings[field] || {}).forEach(function (ref) { refs[ref] = true })
        })
      })
    })
    return refs
  }

  function holds (word, metadatas) {
    return metadatas.some(function (metadata) {
      return Object.keys(word.terms).some(function (term) {
        var fields = metadata[term]
        return fields !== undefined && word.fields.some(function (field) { return field in fields })
      })
    })
  }

  Engine.prototype.run = function (words) {
    var required = words.filter(function (w) { return w.presence === PRESENCE.REQUIRED })
    var hits = this.index.query(function (query) {
      words.forEach(function (word) {
        word.clauses.forEach(function (clause) {
          var copy = Object.assign({}, clause)   // lunr.Index#query rewrites clause.term
          copy.presence = word.presence === PRESENCE.PROHIBITED ? PRESENCE.PROHIBITED : PRESENCE.OPTIONAL
          query.clause(copy)
        })
      })
    })
    var store = this.store
    var entries = hits.map(function (hit) {
      var entry = quotewire.storeEntry(store, hit.ref)
      entry.score = hit.score
      entry.metadata = hit.matchData.metadata
      return entry
    })
    var quotesOf = {}
    entries.forEach(function (entry) {
      if (entry.type === 'quote') {
        var article = entry.ref.split('#')[0]
        ;(quotesOf[article] = quotesOf[article] || []).push(entry)
      }
    })
    var results = []
    var articlesSeen = {}
    function accept (entry, metadatas) {
      if (!required.every(function (w) { return holds(w, metadatas) })) return
      var terms = {}
      metadatas.forEach(function (m) { Object.keys(m).forEach(function (t) { terms[t] = true }) })
      results.push({ entry: entry, terms: Object.keys(terms).sort() })
    }
    entries.forEach(function (entry) {
      if (entry.type !== 'article') return accept(entry, [entry.metadata])
      var quotes = quotesOf[entry.ref] || []
      articlesSeen[entry.ref] = true
      entry.score += QUOTE_SHARE * Math.max.apply(null, [0].concat(quotes.map(function (q) { return q.score })))
      accept(entry, [entry.metadata].concat(quotes.map(function (q) { return q.metadata })))
    })
    var self = this
    var excluded = this.excluded(words)
    Object.keys(quotesOf).forEach(function (ref) {
      var row = self.rowOfRef[ref]
      if (articlesSeen[ref] || row === undefined || excluded[row.toString(36)]) return
      var quotes = quotesOf[ref]
      var entry = quotewire.storeEntry(store, row.toString(36))
      entry.score = QUOTE_SHARE * Math.max.apply(null, quotes.map(function (q) { return q.score }))
      accept(entry, quotes.map(function (q) { return q.metadata }))
    })
    results = results.map(function (found) {
      var entry = found.entry
      return { ref: entry.ref, type: entry.type, url: entry.url, title: entry.title, date: entry.date,
        speaker: entry.speaker, snippet: entry.snippet, score: entry.score, terms: found.terms }
    })
    results.sort(function (a, b) {
      return b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || (a.ref < b.ref ? -1 : 1)
    })
    return results
  }

  /* {results, fuzzy, error}: error is {message, hint} for a query lunr cannot parse. */
  Engine.prototype.search = function (text) {
    if (!text.trim()) return { results: [], fuzzy: false, error: null }
    try {
      var words = this.plan(text, false)
      var results = this.run(words)
      var fuzzy = false
      var canRetry = words.some(function (w) {
        return w.clauses.some(function (c) { return c.usePipeline && !c.editDistance })
      })
      if (!results.length && canRetry) {
        results = this.run(this.plan(text, true))
        fuzzy = results.length > 0
      }
      return { results: results, fuzzy: fuzzy, error: null }
    } catch (error) {
      if (error instanceof TooCommon) {
        return { results: [], fuzzy: false, error: { message: 'Only very common words', hint: 'Words such as “the”, “and” or “said” are not indexed: add a more specific word.' } }
      }
      if (!(error instanceof lunr.QueryParseError)) throw error
      var hint = SYNTAX_HELP
      for (var i = 0; i < HINTS.length; i++) {
        if (HINTS[i][0].test(error.message)) { hint = HINTS[i][1]; break }
      }
      return { results: [], fuzzy: false, error: { message: error.message, hint: hint } }
    }
  }

  var WORD_EDGE = /^([^A-Za-z0-9\u00c0-\uffff]*)([\s\S]*?)([^A-Za-z0-9\u00c0-\uffff]*)$/

  /* `text` as [[piece, isMatch], ...]: words whose index term is in `terms` (an object) match. */
  function highlightParts (text, terms) {
    var parts = []
    text.split(/([\s-]+)/).forEach(function (piece, i) {
      if (i % 2 === 1 || !piece) { parts.push([piece, false]); return }
      var m = WORD_EDGE.exec(piece)
      if (m[2] && terms[quotewire.queryTerm(m[2])]) {
        parts.push([m[1], false], [m[2], true], [m[3], false])
      } else {
        parts.push([piece, false])
      }
    })
    return parts.filter(function (p) { return p[0] !== '' })
  }

  return {
    engine: function (indexJson, store) { return new Engine(indexJson, store) },
    highlightParts: highlightParts
  }
}))
