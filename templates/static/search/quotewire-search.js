/*
 * quotewire-search.js: the search itself, the same code in a Web Worker (search-worker.js) and,
 * opened from disk where Workers cannot start, on the page. Load after lunr.js and
 * quotewire-lunr.js. Exposes `quotewireSearch.engine(load)`, where `load(file)` returns a Promise
 * of the data of a search file (named as the meta file names it, relative to it; "meta" first).
 * The engine's `search(text)` returns a Promise of {results, fuzzy, error}: every result as
 * {id, type, year, score, terms}, best first (lunr's BM25 over the whole archive); it loads the
 * meta file once, then the term chunks the query's words fall in (and, for fuzzy terms and
 * wildcards, the dictionary of all terms). `entries(ids)` returns a Promise of the store entries
 * {type, url, title, date, speaker, snippet} of those results, loading their store chunks.
 * `quotewireSearch.highlightParts` marks words in a text.
 *
 * How a query is read (lunr.js's QueryParser does the parsing, so its syntax passes through):
 *   - every word must match (AND), unless the query uses +word, then lunr's own rules apply;
 *   - stop words ("the", "of") are dropped: the index has none;
 *   - the last word also matches as a prefix while it is being typed (not in a query opened
 *     from the address or submitted) ("glo" finds "global"), and
 *     so do the stems of its likely completions ("globaliz" → "globalization" → "global": the
 *     index holds stems, shorter than the word being typed);
 *   - nothing found: the words are retried with an edit distance of 1, on their stems and on the
 *     words as typed ("mondey" is 1 edit from "monday", but its stem "mondei" is 2), and the
 *     result says so;
 *   - words in double quotes ("win-win situation") must also stand next to each other, in a
 *     quote, a title, or a field of names (speaker:, entity:); an article matches when its own
 *     title or names or one of its quotes hold them so. Stop words inside are skipped, as the
 *     index skips them ("secretary of state" is found as "secretary state"). The positions are
 *     loaded only for such a query (positions-K files).
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

  var QUOTED = /"([^"]*)"/g
  var SEPARATOR = /[\s\-]+/

  /* A phrase's index terms in order: its words as the index holds them, without stop words. */
  function phraseTerms (inner) {
    var terms = []
    inner.split(SEPARATOR).forEach(function (token) {
      var word = trimmed(token)
      if (!word || quotewire.isStopWord(word)) return
      var term = quotewire.queryTerm(word)
      if (term) terms.push(term)
    })
    return terms
  }

  /*
   * {text, phrases}: the query with each "quoted phrase" replaced by its words (required, as every
   * word is, also when the query uses +word) for lunr, and each phrase's terms (two or more). A
   * quote mark still open (the phrase being typed) is dropped.
   */
  function splitPhrases (text) {
    var phrases = []
    if (text.indexOf('"') === -1) return { text: text, phrases: phrases }
    var explicit = /(^|\s)\+\S/.test(text.replace(QUOTED, ' '))
    var rest = text.replace(QUOTED, function (all, inner) {
      var terms = phraseTerms(inner)
      if (terms.length > 1) phrases.push(terms)
      var words = inner.replace(/[:~^*+\\]/g, ' ').split(SEPARATOR).filter(Boolean)
      return ' ' + words.map(function (w) { return explicit ? '+' + w : w }).join(' ') + ' '
    })
    return { text: rest.replace(/"/g, ' '), phrases: phrases }
  }

  /* The query as wanted words: [{presence, fields, clauses (for lunr), stopWord}], before any term is known. */
  function plan (fields, text, fuzzy, typing) {
    var query = new lunr.Query(fields)
    new lunr.QueryParser(text, query).parse()
    var parsed = query.clauses.filter(function (clause) {
      return clause.usePipeline ? quotewire.queryTerm(clause.term) !== '' : clause.term.replace(/\*/g, '') !== ''
    })
    var typingLast = typing && !fuzzy && !/[\s~^*:]$/.test(text)
    var explicit = parsed.some(function (c) { return c.presence === PRESENCE.REQUIRED })
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
        // The stems of the words one edit from the word as typed ("warnitgs" → "warnings" → "warn":
        // the stem "warnitg" is three edits from "warn"), found in the dictionary (Engine#index).
        clauses.push({ term: word, fields: clause.fields, boost: clause.boost, usePipeline: false, wildcard: WILDCARD.NONE, corrections: true })

      } else if (plain && typingLast && i === parsed.length - 1 && presence !== PRESENCE.PROHIBITED) {
        var prefix = commonPrefix(word, quotewire.queryTerm(clause.term))
        if (prefix.length >= PREFIX_MIN_LENGTH) {
          clauses.push({ term: prefix + '*', fields: clause.fields, boost: clause.boost / 2, usePipeline: false, wildcard: WILDCARD.TRAILING })
        }
        completions(word).forEach(function (stem) {
          if (!(prefix.length >= PREFIX_MIN_LENGTH && stem.indexOf(prefix) === 0)) {
            clauses.push({ term: stem, fields: clause.fields, boost: clause.boost / 2, usePipeline: false, wildcard: WILDCARD.NONE, completion: true })
          }
        })
      }
      if (clauses.length) words.push({ presence: presence, fields: clause.fields, clauses: clauses, stopWord: stopWord })
    })
    if (parsed.length && !words.some(function (w) { return w.presence !== PRESENCE.PROHIBITED })) {
      throw new TooCommon()
    }
    return words
  }

  var LETTERS = 'abcdefghijklmnopqrstuvwxyz'

  /* The words one edit (a letter deleted, swapped with the next, changed or inserted) from `word`. */
  function edits (word) {
    var found = {}
    for (var i = 0; i <= word.length; i++) {
      var head = word.slice(0, i)
      var tail = word.slice(i)
      if (tail) found[head + tail.slice(1)] = true
      if (tail.length > 1) found[head + tail[1] + tail[0] + tail.slice(2)] = true
      for (var l = 0; l < LETTERS.length; l++) {
        if (tail) found[head + LETTERS[l] + tail.slice(1)] = true
        found[head + LETTERS[l] + tail] = true
      }
    }
    delete found[word]
    return Object.keys(found)
  }

  /* The index terms of the words one edit from `word` (a Set of every term). */
  function corrections (word, all) {
    var terms = {}
    edits(word).forEach(function (variant) {
      var term = quotewire.queryTerm(variant)
      if (term && all.has(term)) terms[term] = true
    })
    return Object.keys(terms)
  }

  /* The words a clause stands for before lunr expands it: [term, prefix?] or null (needs the dictionary). */
  function probes (pipeline, clause) {
    if (clause.editDistance || clause.corrections) return null
    if (clause.usePipeline) {
      return pipeline.runString(clause.term, { fields: clause.fields }).map(function (t) { return [t, false] })
    }
    var stars = clause.term.split('*')
    if (stars.length === 1) return [[clause.term, false]]
    if (stars.length === 2 && stars[1] === '') return [[stars[0], true]]
    return null
  }

  function Engine (load) {
    this.load = load
    this.archive = null
    this.pipeline = null
    this.chunks = {}           // number → Promise of the decoded chunk
    this.stores = {}           // file → Promise of its columns
    this.dictionary = null     // Promise of lunr.TokenSet over every term
    this.decoded = {}          // number → the decoded chunk, once loaded
    this.places = {}           // positions file → Promise of it, decoded
    this.facets = {}           // speaker filter file → Promise of its rows
    this.files = 0             // how many search files were loaded
  }

  Engine.prototype.ready = function () {
    var self = this
    this.meta = this.meta || this.load(this.metaFile || 'meta').then(function (meta) {
      self.files++
      self.archive = new quotewire.Archive(meta)
      self.pipeline = lunr.Pipeline.load(meta.pipeline)
    })
    return this.meta
  }

  Engine.prototype.chunk = function (number) {
    var self = this
    if (!(number in this.chunks)) {
      this.chunks[number] = this.load(this.archive.meta.terms[number][2]).then(function (json) {
        self.files++
        self.decoded[number] = { number: number, chunk: quotewire.decodeChunk(json) }
        return self.decoded[number]
      })
    }
    return this.chunks[number]
  }

  Engine.prototype.tokenSet = function () {
    var self = this
    this.dictionary = this.dictionary || this.load(this.archive.meta.dictionary).then(function (json) {
      self.files++
      var terms = quotewire.decodeTerms(json.terms)
      self.allTerms = new Set(terms)
      return lunr.TokenSet.fromArray(terms)
    })
    return this.dictionary
  }

  /* Loads what `words` need; a Promise of the lunr.Index over it. */
  Engine.prototype.index = function (words) {
    var self = this
    var archive = this.archive
    var numbers = {}
    var expand = []
    words.forEach(function (word) {
      word.clauses.forEach(function (clause) {
        var found = probes(self.pipeline, clause)
        if (!found) { expand.push(clause); return }
        found.forEach(function (probe) {
          if (probe[1]) {
            var range = archive.chunksOfPrefix(probe[0])
            for (var n = range[0]; n <= range[1]; n++) numbers[n] = true
          } else {
            numbers[archive.chunkOf(probe[0])] = true
          }
        })
      })
    })
    var expanded = !expand.length ? Promise.resolve() : this.tokenSet().then(function (all) {
      expand.forEach(function (clause) {
        if (clause.corrections) {
          clause.candidates = corrections(clause.term, self.allTerms)
          clause.candidates.forEach(function (t) { numbers[archive.chunkOf(t)] = true })
          return
        }
        var terms = clause.usePipeline ? self.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term]
        terms.forEach(function (term) {
          var probe = { term: term, wildcard: clause.wildcard }
          if (clause.editDistance) probe.editDistance = clause.editDistance
          all.intersect(lunr.TokenSet.fromClause(probe)).toArray().forEach(function (t) { numbers[archive.chunkOf(t)] = true })
        })
      })
    })
    return expanded.then(function () {
      var wanted = Object.keys(numbers).map(Number).filter(function (n) { return n >= 0 }).sort(function (a, b) { return a - b })
      return Promise.all(wanted.map(function (n) { return self.chunk(n) }))
    }).then(function (chunks) { return quotewire.view(archive, chunks) })
  }

  /* The index terms a word's clauses match, as lunr.Index#query finds them. */
  function expand (index, clauses) {
    var found = {}
    clauses.forEach(function (clause) {
      var terms = clause.usePipeline ? index.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term]
      terms.forEach(function (term) {
        var probe = { term: term }
        if (clause.editDistance) probe.editDistance = clause.editDistance
        if (clause.wildcard) probe.wildcard = clause.wildcard
        index.tokenSet.intersect(lunr.TokenSet.fromClause(probe)).toArray().forEach(function (t) { found[t] = true })
      })
    })
    return found
  }

  /* Document numbers (base 36) of the documents that hold a -prohibited word: lunr drops those, not their quotes. */
  function excluded (index, words) {
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

  /* How many documents hold `term` (once per field, as lunr's idf counts them). */
  function documentCount (index, term) {
    var postings = index.invertedIndex[term]
    var count = 0
    if (postings) index.fields.forEach(function (field) { count += Object.keys(postings[field] || {}).length })
    return count
  }

  /*
   * A word retried for a typo stands for the terms one edit from it (on its stem, on the word as
   * typed, and the stems of the words one edit from it). Which one was meant is unknown, so none
   * is let win by rarity: each term's clause is boosted by the inverse of its idf, and the
   * documents of every candidate compete on how much of them the term fills ("lfading":
   * "leading" in 400 articles and "loading" in 10 both reach the first page).
   */
  function candidates (index, word, count) {
    var clauses = []
    word.clauses.forEach(function (clause) {
      if (!clause.corrections) { clauses.push(clause); return }
      ;(clause.candidates || []).forEach(function (term) {
        clauses.push({ term: term, fields: clause.fields, boost: clause.boost, usePipeline: false, wildcard: WILDCARD.NONE })
      })
    })
    var terms = Object.keys(expand(index, clauses))
    if (!terms.length) return word.clauses.filter(function (clause) { return !clause.corrections })   // nothing near: no match
    var first = word.clauses[0]
    return terms.map(function (term) {
      var n = documentCount(index, term)
      var idf = Math.log(1 + Math.abs((count - n + 0.5) / (n + 0.5)))
      return { term: term, fields: first.fields, boost: first.boost / Math.max(idf, 0.1), usePipeline: false, wildcard: WILDCARD.NONE }
    })
  }

  /* Results of `words` on `index`: articles with their quotes' scores, quotes, names. */
  function run (archive, index, words) {
    words.forEach(function (word) {
      if (word.clauses.some(function (clause) { return clause.corrections })) word.clauses = candidates(index, word, archive.meta.count)
      word.clauses = word.clauses.filter(function (clause) { return !clause.completion || clause.term in index.invertedIndex })
      word.terms = expand(index, word.clauses)
    })
    words = words.filter(function (word) { return word.clauses.length && !(word.stopWord && !Object.keys(word.terms).length) })
    if (!words.some(function (w) { return w.presence !== PRESENCE.PROHIBITED })) throw new TooCommon()
    var required = words.filter(function (w) { return w.presence === PRESENCE.REQUIRED })
    var hits = index.query(function (query) {
      words.forEach(function (word) {
        word.clauses.forEach(function (clause) {
          var copy = Object.assign({}, clause)   // lunr.Index#query rewrites clause.term
          copy.presence = word.presence === PRESENCE.PROHIBITED ? PRESENCE.PROHIBITED : PRESENCE.OPTIONAL
          query.clause(copy)
        })
      })
    })
    var entries = hits.map(function (hit) {
      var id = parseInt(hit.ref, 36)
      return { id: id, type: archive.type(id), article: archive.article(id), score: hit.score, metadata: hit.matchData.metadata }
    })
    var quotesOf = {}
    entries.forEach(function (entry) {
      if (entry.type === 'quote') (quotesOf[entry.article] = quotesOf[entry.article] || []).push(entry)
    })
    var results = []
    var articlesSeen = {}
    function accept (entry, metadatas) {
      if (!required.every(function (w) { return holds(w, metadatas) })) return
      var terms = {}
      metadatas.forEach(function (m) { Object.keys(m).forEach(function (t) { terms[t] = true }) })
      results.push({ id: entry.id, type: entry.type, year: archive.year(entry.id), named: archive.named(entry.id),
                     score: entry.score, terms: Object.keys(terms).sort() })
    }
    entries.forEach(function (entry) {
      if (entry.type !== 'article') return accept(entry, [entry.metadata])
      var quotes = quotesOf[entry.id] || []
      articlesSeen[entry.id] = true
      entry.score += QUOTE_SHARE * Math.max.apply(null, [0].concat(quotes.map(function (q) { return q.score })))
      accept(entry, [entry.metadata].concat(quotes.map(function (q) { return q.metadata })))
    })
    var gone = excluded(index, words)
    Object.keys(quotesOf).forEach(function (key) {
      var id = Number(key)
      if (articlesSeen[id] || gone[id.toString(36)]) return
      var quotes = quotesOf[id]
      accept({ id: id, type: 'article', score: QUOTE_SHARE * Math.max.apply(null, quotes.map(function (q) { return q.score })) },
        quotes.map(function (q) { return q.metadata }))
    })
    return results
  }

  /*
   * A Promise of a function telling whether document `id` holds every phrase (each an array of
   * terms) with its words next to each other, loading the positions of their terms. The chunks
   * of the terms are loaded (Engine#index). An article holds a phrase when its own fields or one
   * of its quotes do.
   */
  Engine.prototype.phraseTest = function (phrases) {
    var self = this
    var archive = this.archive
    var files = {}
    var wanted = phrases.map(function (terms) {
      return terms.map(function (term) {
        var loaded = self.decoded[archive.chunkOf(term)]
        var t = loaded ? quotewire.find(loaded.chunk.terms, term) : -1
        if (t === -1) return null
        var file = archive.positionsPlace(loaded.number).file
        files[file] = true
        return { loaded: loaded, t: t, file: file }
      })
    })
    return Promise.all(Object.keys(files).map(function (file) {
      if (!(file in self.places)) {
        self.places[file] = self.load(file).then(function (json) { self.files++; return quotewire.decodePositions(json) })
      }
      return self.places[file].then(function (decoded) { files[file] = decoded })
    })).then(function () {
      var fieldCount = archive.meta.fields.length
      function holds (terms, id) {
        if (terms.some(function (term) { return term === null })) return false
        for (var f = 0; f < fieldCount; f++) {
          var lists = []
          for (var i = 0; i < terms.length; i++) {
            var places = quotewire.positionsIn(archive, terms[i].loaded, terms[i].t, id, f, files[terms[i].file])
            if (!places) break
            lists.push(places)
          }
          if (lists.length < terms.length) continue
          var found = lists[0].some(function (start) {
            return lists.every(function (places, i) { return places.indexOf(start + i) !== -1 })
          })
          if (found) return true
        }
        return false
      }
      function holdsAll (id) {
        return wanted.every(function (terms) { return holds(terms, id) })
      }
      return function (id) {
        if (holdsAll(id)) return true
        if (archive.type(id) !== 'article') return false
        for (var q = archive.quoteStarts[id]; q < archive.quoteStarts[id + 1]; q++) {
          if (holdsAll(q)) return true
        }
        return false
      }
    })
  }

  /* A Promise of {results, canRetry}. Throws TooCommon when only stop words are left. */
  Engine.prototype.runText = function (text, fuzzy, typing) {
    var self = this
    var split = splitPhrases(text)
    var words = plan(this.archive.meta.fields, split.text, fuzzy, typing)
    var canRetry = words.some(function (w) {
      return w.clauses.some(function (c) { return c.usePipeline && !c.editDistance })
    })
    return this.index(words).then(function (index) {
      var results = run(self.archive, index, words)
      if (!split.phrases.length) return results
      return self.phraseTest(split.phrases).then(function (holds) {
        return results.filter(function (r) { return holds(r.id) })
      })
    }).then(function (results) {
      results.sort(function (a, b) { return b.score - a.score || b.id - a.id })
      return { results: results, canRetry: canRetry }
    })
  }

  function failure (error) {
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

  /*
   * A Promise of {results, fuzzy, error}: error is {message, hint} for a query lunr cannot parse.
   * `typing`: the text is being typed (its last word may be the start of a longer one); a query
   * submitted or opened from the address is taken as whole words.
   */
  Engine.prototype.search = function (text, typing) {
    var self = this
    if (!text.trim()) return Promise.resolve({ results: [], fuzzy: false, error: null })
    return this.ready().then(function () {
      return self.runText(text, false, typing !== false)
    }).then(function (exact) {
      if (exact.results.length || !exact.canRetry) return { results: exact.results, fuzzy: false, error: null }
      return self.runText(text, true).then(function (retried) {
        return { results: retried.results, fuzzy: retried.results.length > 0, error: null }
      })
    }).catch(failure)
  }

  /* A Promise of {id: entry} for the documents `ids`; `each(entries)` is called as each store chunk arrives. */
  Engine.prototype.entries = function (ids, each) {
    var self = this
    return this.ready().then(function () {
      var byFile = {}
      ids.forEach(function (id) {
        var file = self.archive.storePlace(id).file
        ;(byFile[file] = byFile[file] || []).push(id)
      })
      var all = {}
      return Promise.all(Object.keys(byFile).map(function (file) {
        if (!(file in self.stores)) {
          self.stores[file] = self.load(file).then(function (columns) { self.files++; return columns })
        }
        return self.stores[file].then(function (columns) {
          var some = {}
          byFile[file].forEach(function (id) { some[id] = all[id] = quotewire.storeEntry(self.archive, id, columns) })
          if (each) each(some)
        })
      })).then(function () { return all })
    })
  }

  /*
   * A Promise of the speaker filter's rows for names with a word starting with `letter` (a-z, or
   * "" for any other start): [{name, page, quotes, articles}], where page is the number of the
   * speaker's page (-1: none), quotes the numbers of their quotes and articles those of the
   * articles holding them. Loads the one file holding that initial.
   */
  Engine.prototype.speakers = function (letter) {
    var self = this
    return this.ready().then(function () {
      var archive = self.archive
      var files = archive.meta.speakers
      var k = 0
      for (var i = 1; i < files.length; i++) if (files[i][0] <= letter) k = i
      var file = files[k][1]
      if (!(file in self.facets)) {
        self.facets[file] = self.load(file).then(function (json) {
          self.files++
          return json.speakers.map(function (row) {
            var at = -1
            var quotes = row[2] ? row[2].split('.').map(function (gap) { return (at += parseInt(gap, 36)) }) : []
            var articles = []
            quotes.forEach(function (q) {
              var a = archive.article(q)
              if (articles[articles.length - 1] !== a) articles.push(a)
            })
            return { name: row[0], page: row[1], quotes: quotes, articles: articles }
          })
        })
      }
      return self.facets[file]
    })
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
    engine: function (load, metaFile) { var engine = new Engine(load); engine.metaFile = metaFile; return engine },
    splitPhrases: splitPhrases,
    highlightParts: highlightParts
  }
}))
