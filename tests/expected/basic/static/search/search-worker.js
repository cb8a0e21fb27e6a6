/*
 * search-worker.js: loads the index shards off the page's thread and answers searches.
 * Messages in:  {type: "load", shards: [url, ...]}, then {type: "search", id, text}
 * Messages out: {type: "loaded", count, total} after each shard (searches use the shards loaded so
 *               far) | {type: "failed", message} | {type: "results", id, ...engine.search()}
 * Shards are fetched one after another, newest first, so the first gets the bandwidth; the next
 * downloads while the one before is being read.
 */
/* global importScripts, quotewireSearch */
'use strict'
importScripts('lunr.min.js', 'quotewire-lunr.js', 'quotewire-search.js')

var engine = quotewireSearch.engine()

function fetchJson (url) {
  return fetch(url).then(function (response) {
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status)
    return response.json()
  })
}

function load (urls) {
  var downloads = []
  urls.forEach(function (url, i) {
    downloads.push(i ? downloads[i - 1].then(function () { return fetchJson(url) }) : fetchJson(url))
    downloads[i].catch(function () {})   // reported once, below
  })
  var ready = Promise.resolve()
  downloads.forEach(function (download) {
    ready = ready.then(function () { return download }).then(function (json) {
      engine.add(json)
      self.postMessage({ type: 'loaded', count: engine.shards.length, total: urls.length })
    })
  })
  ready.catch(function (error) {
    self.postMessage({ type: 'failed', message: String(error && error.message || error) })
  })
}

self.onmessage = function (event) {
  var message = event.data
  if (message.type === 'load') {
    load(message.shards)
  } else if (message.type === 'search') {
    var reply
    try {
      reply = engine.search(message.text)
    } catch (error) {
      reply = { results: [], fuzzy: false, error: { message: String(error && error.message || error), hint: 'This is a bug in Quotewire\'s search; please report it with your query.' } }
    }
    reply.type = 'results'
    reply.id = message.id
    reply.shards = engine.shards.length
    self.postMessage(reply)
  }
}
