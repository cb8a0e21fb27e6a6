/*
 * search-worker.js: loads the index off the page's thread and answers searches.
 * Messages in:  {type: "load", index: url, store: url}, then {type: "search", id, text}
 * Messages out: {type: "ready"} | {type: "failed", message} | {type: "results", id, ...engine.search()}
 */
/* global importScripts, quotewireSearch */
'use strict'
importScripts('lunr.min.js', 'quotewire-lunr.js', 'quotewire-search.js')

var engine = null

function fetchJson (url) {
  return fetch(url).then(function (response) {
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status)
    return response.json()
  })
}

self.onmessage = function (event) {
  var message = event.data
  if (message.type === 'load') {
    Promise.all([fetchJson(message.index), fetchJson(message.store)]).then(function (data) {
      engine = quotewireSearch.engine(data[0], data[1])
      self.postMessage({ type: 'ready' })
    }).catch(function (error) {
      self.postMessage({ type: 'failed', message: String(error && error.message || error) })
    })
  } else if (message.type === 'search') {
    var reply
    try {
      reply = engine.search(message.text)
    } catch (error) {
      reply = { results: [], fuzzy: false, error: { message: String(error && error.message || error), hint: 'This is a bug in Quotewire\'s search; please report it with your query.' } }
    }
    reply.type = 'results'
    reply.id = message.id
    self.postMessage(reply)
  }
}
