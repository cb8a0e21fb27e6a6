/*
 * quotewire-search.js: the search itself, the same code in a Web Worker (search-worker.js) and,
 * opened from disk where Workers cannot start, on the page. Load after lunr.js and
 * quotewire-lunr.js. Exposes `quotewireSearch.engine()`, to which `add(shardJson)` adds shards as
 * they arrive (each an independent lunr index with its store) and whose `search(text)` searches
 * those loaded so far and returns {results, fuzzy, error}; and `quotewireSearch.highlightParts`.
 * Results from all shards are merged by score (lunr's BM25, each shard's own idf).
 *
 * How a query is read (lunr.js's QueryParser does the parsing, so its syntax passes through):
 *   - every word must match (AND), unless the query uses +word, then lunr's own rules apply;
 *   - stop words ("the", "of") are dropped: the index has none;
 *   - the last word also matches as a prefix while it is being typed ("glo" finds "global"), and
 *     so do the stems of its likely completions ("globaliz" → "globalization" → "global": the
 *     index holds stems, shorter than the word being typed);
 *   - nothing found: the words are retried with an edit distance of 1, on their stems and on the
 *     words as typed ("mondey" is 1 edit from "monday", but its stem "mondei" is 2), and the
 *     result says so.
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

  // Endings a word being typed may be on its way to: "globaliz" + "ation", "governm" + "ent".
  var ENDINGS = ['e', 's', 'es', 'ed', 'ing', 'ings', 'er', 'ers', 'est', 'ly', 'y', 'ies', 'ied', 'ion', 'ions',
    'ation', 'ations', 'ization', 'izations', 'isation', 'isations', 'ize', 'ized', 'izes', 'izing', 'ise', 'ised',
    'ises', 'ising', 'ment', 'ments', 'ness', 'al', 'ally', 'ity', 'ities', 'ive', 'ively', 'ous', 'ously', 'ful',
    'able', 'ably', 'ible', 'ance', 'ence', 'ant', 'ent', 'ism', 'ist', 'ists', 'ic', 'ical', 'ate', 'ated',
    'ates', 'ating', 'ator', 'ators']
  var COMPLETE_MIN_LENGTH = 4

  /* Stems of the words `word` (trimmed, lowercase) may be the start of, as the index holds them. */
  function completions (word) {
    var stems = {}
    if (word.length < COMPLETE_MIN_LENGTH) return []
    ENDINGS.forEach(function (ending) {
      for (var typed = 0; typed < ending.length; typed++) {
        if (typed && word.slice(-typed) !== ending.slice(0, typed)) continue
        stems[quotewire.queryTerm(word + ending.slice(typed))] = true
      }
    })
    return Object.keys(stems)
  }

  function TooCommon () {}

  /* One shard: a lunr index and its store. */
  function Shard (json) {
    var loaded = quotewire.loadShard(json)
    this.index = loaded.index
    this.store = loaded.store
  }

  /* The query as wanted words: {presence, fields, clauses (for lunr), terms (index terms it matches)}. */
  Shard.prototype.plan = function (text, fuzzy) {
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
      var word = trimmed(clause.term)
      if (plain && fuzzy && word.length >= FUZZY_MIN_LENGTH) {
        base.editDistance = 1
        if (word !== quotewire.queryTerm(clause.term)) {
          clauses.push({ term: word, fields: clause.fields, boost: clause.boost, usePipeline: false, wildcard: WILDCARD.NONE, editDistance: 1 })
        }
      } else if (plain && typingLast && i === parsed.length - 1 && presence !== PRESENCE.PROHIBITED) {
        var prefix = commonPrefix(word, quotewire.queryTerm(clause.term))
        if (prefix.length >= PREFIX_MIN_LENGTH) {
          clauses.push({ term: prefix + '*', fields: clause.fields, boost: clause.boost / 2, usePipeline: false, wildcard: WILDCARD.TRAILING })
        }
        var index = self.index
        completions(word).forEach(function (stem) {
          if (stem in index.invertedIndex && !(prefix.length >= PREFIX_MIN_LENGTH && stem.indexOf(prefix) === 0)) {
            clauses.push({ term: stem, fields: clause.fields, boost: clause.boost / 2, usePipeline: false, wildcard: WILDCARD.NONE })
          }
        })
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
  Shard.prototype.expand = function (clauses) {
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
  Shard.prototype.excluded = function (words) {
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

  Shard.prototype.run = function (words) {
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
      entry.row = parseInt(hit.ref, 36)
      entry.score = hit.score
      entry.metadata = hit.matchData.metadata
      return entry
    })
    var quotesOf = {}
    entries.forEach(function (entry) {
      if (entry.type === 'quote' && entry.parent >= 0) {
        (quotesOf[entry.parent] = quotesOf[entry.parent] || []).push(entry)
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
      var quotes = quotesOf[entry.row] || []
      articlesSeen[entry.row] = true
      entry.score += QUOTE_SHARE * Math.max.apply(null, [0].concat(quotes.map(function (q) { return q.score })))
      accept(entry, [entry.metadata].concat(quotes.map(function (q) { return q.metadata })))
    })
    var excluded = this.excluded(words)
    Object.keys(quotesOf).forEach(function (row) {
      var ref = Number(row).toString(36)
      if (articlesSeen[row] || excluded[ref]) return
      var quotes = quotesOf[row]
      var entry = quotewire.storeEntry(store, ref)
      entry.score = QUOTE_SHARE * Math.max.apply(null, quotes.map(function (q) { return q.score }))
      accept(entry, quotes.map(function (q) { return q.metadata }))
    })
    return results.map(function (found) {
      var entry = found.entry
      return { type: entry.type, url: entry.url, title: entry.title, date: entry.date,
        speaker: entry.speaker, snippet: entry.snippet, score: entry.score, terms: found.terms }
    })
  }

  function Engine () {
    this.shards = []
  }

  Engine.prototype.add = function (shardJson) {
    this.shards.push(new Shard(shardJson))
  }

  /* Every loaded shard's results, best first; {results, canRetry}. Throws TooCommon if every shard does. */
  Engine.prototype.runAll = function (text, fuzzy) {
    var results = []
    var canRetry = false
    var tooCommon = 0
    this.shards.forEach(function (shard) {
      var words
      try {
        words = shard.plan(text, fuzzy)
      } catch (error) {
        if (!(error instanceof TooCommon)) throw error
        tooCommon++
        return
      }
      canRetry = canRetry || words.some(function (w) {
        return w.clauses.some(function (c) { return c.usePipeline && !c.editDistance })
      })
      results = results.concat(shard.run(words))
    })
    if (tooCommon && tooCommon === this.shards.length) throw new TooCommon()
    results.sort(function (a, b) {
      return b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || (a.url < b.url ? -1 : 1)
    })
    return { results: results, canRetry: canRetry }
  }

  /* {results, fuzzy, error}: error is {message, hint} for a query lunr cannot parse. */
  Engine.prototype.search = function (text) {
    if (!text.trim()) return { results: [], fuzzy: false, error: null }
    try {
      var exact = this.runAll(text, false)
      var results = exact.results
      var fuzzy = false
      if (!results.length && exact.canRetry) {
        results = this.runAll(text, true).results
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
    engine: function () { return new Engine() },
    highlightParts: highlightParts
  }
}))
