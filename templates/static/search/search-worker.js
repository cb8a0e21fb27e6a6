/*
 * search-worker.js: searches off the page's thread, loading the index's files as a query needs them.
 * Messages in:  {type: "start", meta: url of the meta file}, then {type: "search", id, text, typing},
 *               {type: "entries", id, ids} and {type: "speakers", id, letter}
 * Messages out: {type: "results", id, ...engine.search()} | {type: "entries", id, entries, done}
 *               (one message per store chunk as it arrives, the last with done: true) |
 *               {type: "speakers", id, rows} (engine.speakers(letter))
 * A search file is a script (generator/search/format.py); here it is fetched and its JSON read.
 */
/* global importScripts, quotewire, quotewireSearch */
'use strict'
importScripts('lunr.min.js', 'quotewire-lunr.js', 'quotewire-search.js')

var engine = null

function loader (base) {
  return function (file) {
    var url = new URL(file, base).href
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status)
      return response.text()
    }).then(function (text) { return quotewire.parseScript(file.split('.')[0], text) })
  }
}

function problem (error) {
  return { message: String(error && error.message || error), hint: 'This is a bug in Quotewire\'s search, or a file of it could not be loaded; reload the page, or report it with your query.' }
}

self.onmessage = function (event) {
  var message = event.data
  if (message.type === 'start') {
    var file = message.meta.split('/').pop()
    engine = quotewireSearch.engine(loader(message.meta), file)
    engine.ready().catch(function () {})      // the meta file at once: the first search needs it
  } else if (message.type === 'search') {
    engine.search(message.text, message.typing).catch(function (error) {
      return { results: [], fuzzy: false, error: problem(error) }
    }).then(function (reply) {
      reply.type = 'results'
      reply.id = message.id
      reply.files = engine.files
      self.postMessage(reply)
    })
  } else if (message.type === 'speakers') {
    engine.speakers(message.letter).then(function (rows) {
      self.postMessage({ type: 'speakers', id: message.id, rows: rows, files: engine.files })
    }, function (error) {
      self.postMessage({ type: 'speakers', id: message.id, rows: [], error: problem(error).message })
    })
  } else if (message.type === 'entries') {
    engine.entries(message.ids, function (some) {
      self.postMessage({ type: 'entries', id: message.id, entries: some, done: false })
    }).then(function () {
      self.postMessage({ type: 'entries', id: message.id, entries: {}, done: true, files: engine.files })
    }, function (error) {
      self.postMessage({ type: 'entries', id: message.id, entries: {}, done: true, error: problem(error).message })
    })
  }
}
