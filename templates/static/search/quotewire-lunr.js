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
 *   loadIndex(json)         lunr.Index from the parsed index JSON
 *   storeEntry(store, ref)  {ref, type, url, title, date, speaker, snippet} for a result ref
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

  function loadIndex (json) {
    return lunr.Index.load(json)
  }

  function storeEntry (store, ref) {
    var row = store.docs[parseInt(ref, 36)]
    var entry = {}
    if (!row) return null
    store.columns.forEach(function (name, i) { entry[name] = row[i] })
    return entry
  }

  return {
    FOLD_TABLE: FOLD_TABLE,
    fold: fold,
    queryTerm: queryTerm,
    isStopWord: isStopWord,
    loadIndex: loadIndex,
    storeEntry: storeEntry,
    pipelines: {
      index: [foldToken, trimmer, stopWordFilter, stemmer],
      query: [foldToken, trimmer, stemmer]
    }
  }
}))
