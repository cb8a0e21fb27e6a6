(function () {
'use strict'
var root = document.getElementById('search')
if (!root) return
var form = root.querySelector('form')
var input = document.getElementById('search-q')
var status = document.getElementById('search-status')
var problem = document.getElementById('search-error')
var list = document.getElementById('search-results')
var more = document.getElementById('search-more')
var filters = document.getElementById('search-filters')
var yearSelect = document.getElementById('search-year')
var namedBox = document.getElementById('search-named')
var speakerBox = document.getElementById('search-speaker')
var speakerList = document.getElementById('search-speakers')
var scripts = root.getAttribute('data-scripts')
var siteRoot = new URL(root.getAttribute('data-root'), location.href)
var asset = function (name) { return new URL(root.getAttribute('data-' + name), location.href).href }
var PAGE = 10
var SNIPPET = 240
var TYPE_LABELS = { article: 'Article', quote: 'Quote', speaker: 'Speaker', entity: 'Entity' }
var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
var backend = null          // a Promise of {search(text), entries(ids, each)}, each → Promise
var reply = null            // the last reply shown: {text, results, fuzzy, error}
var entries = {}            // store entries by document number, as they arrive
var asked = {}              // document numbers whose entries were asked for
var shown = PAGE
var active = -1
var pushed = false          // has this round of typing made its own history entry yet?
var loading = {}
function loadScript (src) {
loading[src] = loading[src] || new Promise(function (resolve, reject) {
var script = document.createElement('script')
script.src = src
script.async = false      // run in insertion order: lunr, then what needs it
script.onload = resolve
script.onerror = function () { reject(new Error('could not load ' + src)) }
document.head.appendChild(script)
})
return loading[src]
}
function code () {
return Promise.all([
loadScript(asset('lunr')), loadScript(scripts + 'quotewire-lunr.js'), loadScript(scripts + 'quotewire-search.js')
])
}
function onPage () {
return code().then(function () {
var meta = asset('meta')
var engine = self.quotewireSearch.engine(function (file) {
return loadScript(new URL(file, meta).href).then(function () { return self.quotewireData[file.split('.')[0]] })
}, meta.split('/').pop())
return {
search: function (text, typing) { return engine.search(text, typing) },
entries: function (ids, each) { return engine.entries(ids, each) },
speakers: function (letter) { return engine.speakers(letter) }
}
})
}
function inWorker () {
return new Promise(function (resolve, reject) {
var worker = new Worker(scripts + 'search-worker.js')
var waiting = {}
var next = 0
var started = false
var backend = {
search: function (text, typing) {
var id = ++next
worker.postMessage({ type: 'search', id: id, text: text, typing: typing })
return new Promise(function (resolve) { waiting[id] = { resolve: resolve } })
},
entries: function (ids, each) {
var id = ++next
worker.postMessage({ type: 'entries', id: id, ids: ids })
return new Promise(function (resolve, reject) { waiting[id] = { resolve: resolve, reject: reject, each: each } })
},
speakers: function (letter) {
var id = ++next
worker.postMessage({ type: 'speakers', id: id, letter: letter })
return new Promise(function (resolve, reject) { waiting[id] = { resolve: resolve, reject: reject } })
}
}
worker.onerror = function (event) {
event.preventDefault()
if (!started) reject(new Error(event.message || 'the search worker failed'))
}
worker.onmessage = function (event) {
var message = event.data
var wait = waiting[message.id]
if (message.type === 'results') {
started = true
delete waiting[message.id]
wait.resolve(message)
} else if (message.type === 'speakers') {
delete waiting[message.id]
if (message.error) wait.reject(new Error(message.error)); else wait.resolve(message.rows)
} else if (message.type === 'entries') {
if (wait.each) wait.each(message.entries)
if (message.done) {
delete waiting[message.id]
if (message.error) wait.reject(new Error(message.error)); else wait.resolve()
}
}
}
worker.postMessage({ type: 'start', meta: asset('meta') })
backend.search(' ').then(function () { resolve(backend) })
})
}
function finishLoading () {
root.removeAttribute('aria-busy')
root.classList.remove('loading')
}
function load () {
if (backend) return backend
var useWorker = location.protocol !== 'file:' && typeof Worker === 'function'
var started = useWorker ? inWorker().then(function (ready) {
code().then(function () { highlighting = true }, function () { codeSettled = true }).then(function () {
codeSettled = true
if (reply) render()
})
return ready
}) : onPage().then(function (ready) { highlighting = true; return ready })
backend = (useWorker ? started.catch(function () { return onPage().then(function (ready) { highlighting = true; return ready }) }) : started).then(function (ready) {
if (!input.value.trim()) say('Ready: type to search.')
return ready
}, function (error) {
finishLoading()
showProblem('The search could not start (' + error.message + ').', 'Reload the page to try again.')
throw error
})
backend.catch(function () {})   // shown above; keeps the rejection out of the console
return backend
}
var highlighting = false     // the page's copy of the search code is in (it highlights)
var codeSettled = false      // ... or could not be loaded (the results show without highlights)
var running = false
var queued = null
var queuedTyping = false
function search (text, typing) {
if (running) { queued = text; queuedTyping = typing; return }
running = true
root.setAttribute('aria-busy', 'true')
root.classList.add('loading')
if (!reply || !reply.results.length) say('Searching…')
load().then(function (ready) { return ready.search(text, typing) }).then(function (result) {
running = false
result.text = text
var again = queued
queued = null
if (again !== null && again !== text) { search(again, queuedTyping); return }
show(result)
}, function () { running = false; finishLoading() })
}
function fetchEntries (ids) {
var missing = ids.filter(function (id) { return !(id in entries) && !asked[id] })
if (!missing.length) return
missing.forEach(function (id) { asked[id] = true })
load().then(function (ready) {
return ready.entries(missing, function (some) {
Object.keys(some).forEach(function (id) { entries[id] = some[id] })
if (reply) render()
})
}).catch(function (error) {
missing.forEach(function (id) { delete asked[id] })
finishLoading()
showProblem('Part of the search index could not be loaded (' + error.message + ').', 'Reload the page to try again.')
})
}
function state () {
var type = form.querySelector('input[name="type"]:checked')
return { q: input.value, type: type ? type.value : '', year: yearSelect.value, named: namedBox.checked,
speaker: chosen ? chosen.name : wantedSpeaker }
}
function address (current) {
var params = new URLSearchParams()
if (current.q) params.set('q', current.q)
if (current.type) params.set('type', current.type)
if (current.year) params.set('year', current.year)
if (current.named) params.set('named', '1')
if (current.speaker) params.set('speaker', current.speaker)
var query = params.toString()
return location.pathname + (query ? '?' + query : '')
}
function remember (commit) {
var url = address(state())
if (url === location.pathname + location.search) return
if (!pushed) { history.pushState(null, '', url); pushed = true } else { history.replaceState(null, '', url) }
if (commit) pushed = false
}
function restore () {
var params = new URLSearchParams(location.search)
input.value = params.get('q') || ''
var type = form.querySelector('input[name="type"][value="' + (params.get('type') || '').replace(/[^a-z]/g, '') + '"]')
;(type || form.querySelector('input[name="type"][value=""]')).checked = true
wantedYear = params.get('year') || ''
namedBox.checked = params.get('named') === '1'
wantedSpeaker = params.get('speaker') || ''
speakerBox.value = wantedSpeaker
chosen = null
closeSpeakers()
if (wantedSpeaker) chooseByName(wantedSpeaker)
setYearOptions({})
if (input.value.trim()) search(input.value, false)
else show({ text: '', results: [], fuzzy: false, error: null })
}
function say (text) { status.textContent = text }
function showProblem (message, hint) {
problem.textContent = ''
if (message) {
var strong = document.createElement('strong')
strong.textContent = message
problem.appendChild(strong)
problem.appendChild(document.createTextNode(' ' + hint))
}
problem.hidden = !message
}
var wantedYear = ''
function setYearOptions (counts) {
var years = Object.keys(counts).sort().reverse()
if (wantedYear && years.indexOf(wantedYear) === -1) years.unshift(wantedYear)
yearSelect.textContent = ''
var all = document.createElement('option')
all.value = ''
all.textContent = 'All years'
yearSelect.appendChild(all)
years.forEach(function (year) {
var option = document.createElement('option')
option.value = year
option.textContent = year + ' (' + (counts[year] || 0) + ')'
yearSelect.appendChild(option)
})
yearSelect.value = wantedYear
}
function show (result) {
reply = result
shown = PAGE
render()
}
function render () {
var current = state()
var results = reply.results
showProblem(reply.error && 'Cannot search for “' + reply.text + '”: ' + reply.error.message + '.', reply.error && reply.error.hint)
var byType = {}
var byYear = {}
if (current.named) results = results.filter(function (r) { return r.named })   // quotes named in their sentence
var bySpeaker = function (r) { return !chosen || chosen.ids[r.id] === true }
results.forEach(function (r) {
if (!bySpeaker(r)) return
if (!current.year || r.year === current.year) byType[r.type] = (byType[r.type] || 0) + 1
if (!current.type || r.type === current.type) byYear[r.year] = (byYear[r.year] || 0) + 1
})
showSpeakers(results.filter(function (r) {
return (!current.type || r.type === current.type) && (!current.year || r.year === current.year)
}))
delete byYear['']
Array.prototype.forEach.call(form.querySelectorAll('[data-count]'), function (node) {
var type = node.getAttribute('data-count')
var count = type ? byType[type] || 0 : Object.keys(byType).reduce(function (sum, t) { return sum + byType[t] }, 0)
node.textContent = '(' + count + ')'
})
setYearOptions(byYear)
filters.hidden = !reply.results.length           // shown while a filter leaves nothing, to undo it
var kept = results.filter(function (r) {
return (!current.type || r.type === current.type) && (!current.year || r.year === current.year) && bySpeaker(r)
})
var page = kept.slice(0, shown)
fetchEntries(page.map(function (r) { return r.id }))
var waiting = page.some(function (r) { return !(r.id in entries) })
var activeId = active >= 0 && list.children[active] ? list.children[active].id : ''
list.textContent = ''
page.forEach(function (r, i) { list.appendChild(r.id in entries ? resultItem(r, entries[r.id], i) : pendingItem(i)) })
active = -1
input.removeAttribute('aria-activedescendant')
if (activeId && document.getElementById(activeId)) activate(Number(activeId.split('-')[1]))
more.hidden = kept.length <= shown
if (!waiting && (highlighting || codeSettled) && !(wantedSpeaker && !chosen && speakerPending)) finishLoading()
if (!reply.text.trim() || reply.error) {
if (!reply.error && backend) say('')
return
}
var quoted = '“' + reply.text.trim() + '”'
var count = kept.length + ' result' + (kept.length === 1 ? '' : 's')
if (!results.length) say('Nothing found for ' + quoted + ', not even with similar spellings.')
else if (reply.fuzzy) say('No exact matches for ' + quoted + '; showing ' + count + ' for similar words.')
else say(count + ' for ' + quoted + (kept.length < results.length ? ' (filtered from ' + results.length + ')' : '') + '.')
}
function pendingItem (i) {
var item = document.createElement('li')
item.className = 'result-pending'
item.id = 'result-' + i
item.textContent = '…'
return item
}
function formatDate (iso) {
if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
return Number(iso.slice(8)) + ' ' + MONTHS[Number(iso.slice(5, 7)) - 1] + ' ' + iso.slice(0, 4)
}
function highlighted (tag, className, text, terms) {
var node = document.createElement(tag)
node.className = className
var parts = highlighting ? self.quotewireSearch.highlightParts(text, terms) : [[text, false]]
parts.forEach(function (part) {
if (part[1]) {
var mark = document.createElement('mark')
mark.textContent = part[0]
node.appendChild(mark)
} else {
node.appendChild(document.createTextNode(part[0]))
}
})
return node
}
function around (text, terms) {
if (text.length <= SNIPPET) return text
var offset = 0
var parts = highlighting ? self.quotewireSearch.highlightParts(text, terms) : [[text, false]]
for (var i = 0; i < parts.length && !parts[i][1]; i++) offset += parts[i][0].length
if (i === parts.length) offset = 0
var start = offset > SNIPPET / 3 ? text.lastIndexOf(' ', offset - SNIPPET / 4) + 1 : 0
var end = start + SNIPPET >= text.length ? text.length : text.lastIndexOf(' ', start + SNIPPET)
if (end <= offset) end = Math.min(text.length, start + SNIPPET)
return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '')
}
function link (r, entry) {
var url = new URL(entry.url, siteRoot)
if ((r.type === 'quote' || r.type === 'article') && r.terms.length) url.searchParams.set('hl', r.terms.join(' '))
return url.href
}
function resultItem (r, entry, i) {
var terms = {}
r.terms.forEach(function (t) { terms[t] = true })
var item = document.createElement('li')
item.className = 'result result-' + r.type
item.id = 'result-' + i
item.setAttribute('role', 'option')
var a = document.createElement('a')
a.href = link(r, entry)
var badge = document.createElement('span')
badge.className = 'result-type'
badge.textContent = TYPE_LABELS[r.type] || r.type
a.appendChild(badge)
a.appendChild(highlighted('span', 'result-title', entry.title, terms))
item.appendChild(a)
var meta = []
if (r.type === 'quote' && entry.speaker) meta.push(entry.speaker)
if (entry.date) meta.push((r.type === 'speaker' || r.type === 'entity' ? 'last seen ' : '') + formatDate(entry.date))
if (meta.length) {
var p = document.createElement('p')
p.className = 'result-meta'
p.textContent = meta.join(' · ')
item.appendChild(p)
}
if (entry.snippet) {
var snippet = around(entry.snippet, terms)
item.appendChild(highlighted('p', 'result-snippet', r.type === 'quote' ? '“' + snippet + '”' : snippet, terms))
}
return item
}
function activate (index) {
var items = list.querySelectorAll('.result')
if (!items.length) return
if (active >= 0 && items[active]) { items[active].classList.remove('active'); items[active].removeAttribute('aria-selected') }
active = Math.max(-1, Math.min(items.length - 1, index))
if (active < 0) { input.removeAttribute('aria-activedescendant'); return }
items[active].classList.add('active')
items[active].setAttribute('aria-selected', 'true')
input.setAttribute('aria-activedescendant', items[active].id)
items[active].scrollIntoView({ block: 'nearest' })
}
var chosen = null           // {name, ids: {document number: true}}: the speaker filtered on
var wantedSpeaker = ''      // the address's speaker, until their row is loaded
var speakerPending = false
var speakerRows = []        // the rows of the initial typed
var speakerActive = -1
var SPEAKERS_SHOWN = 8
function words (text) {
return self.quotewire ? self.quotewire.fold(text.toLowerCase()).split(/[\s\-.]+/).filter(Boolean)
: text.toLowerCase().split(/[\s\-.]+/).filter(Boolean)
}
function initial (text) {
var first = (words(text)[0] || '').charAt(0)
return first >= 'a' && first <= 'z' ? first : ''
}
function idsOf (row) {
var ids = {}
row.quotes.concat(row.articles).forEach(function (id) { ids[id] = true })
if (row.page >= 0) ids[row.page] = true
return ids
}
function rowsFor (text) {
var typed = words(text)
if (!typed.length) return Promise.resolve([])
return load().then(function (ready) { return ready.speakers(initial(text)) }).then(function (rows) {
return rows.filter(function (row) {
var name = words(row.name)
return typed.every(function (w) { return name.some(function (n) { return n.lastIndexOf(w, 0) === 0 }) })
})
})
}
function chooseByName (name) {
speakerPending = true
load()
code().then(function () { return rowsFor(name) }).then(function (rows) {
speakerPending = false
var row = rows.filter(function (r) { return r.name === name })[0]
if (row && wantedSpeaker === name) chosen = { name: name, ids: idsOf(row) }
if (reply) render()
}, function () { speakerPending = false })
}
function closeSpeakers () {
speakerList.hidden = true
speakerList.textContent = ''
speakerBox.setAttribute('aria-expanded', 'false')
speakerBox.removeAttribute('aria-activedescendant')
speakerActive = -1
}
function showSpeakers (results) {
if (speakerList.hidden && !speakerRows.length) return
var inResults = {}
results.forEach(function (r) { inResults[r.id] = true })
var counted = speakerRows.map(function (row) {
var ids = idsOf(row)
var count = 0
Object.keys(ids).forEach(function (id) { if (inResults[id]) count++ })
return { row: row, count: count }
}).filter(function (c) { return c.count > 0 })
counted.sort(function (a, b) { return b.count - a.count || (a.row.name < b.row.name ? -1 : 1) })
speakerList.textContent = ''
counted.slice(0, SPEAKERS_SHOWN).forEach(function (c, i) {
var option = document.createElement('li')
option.id = 'speaker-' + i
option.setAttribute('role', 'option')
option.className = 'speaker-option'
option.textContent = c.row.name + ' (' + c.count + ')'
option.addEventListener('mousedown', function (event) { event.preventDefault(); pick(c.row) })
speakerList.appendChild(option)
})
if (!counted.length) {
var none = document.createElement('li')
none.className = 'speaker-none'
none.textContent = 'No speaker of these results has that name.'
speakerList.appendChild(none)
}
speakerList.hidden = false
speakerBox.setAttribute('aria-expanded', 'true')
var keep = speakerActive
speakerActive = -1
if (keep >= 0) activateSpeaker(keep)         // the list is drawn again as results arrive
}
function pick (row) {
chosen = { name: row.name, ids: idsOf(row) }
wantedSpeaker = row.name
speakerBox.value = row.name
speakerRows = []
closeSpeakers()
remember(true)
if (reply) { shown = PAGE; render() }
}
function activateSpeaker (index) {
var options = speakerList.querySelectorAll('.speaker-option')
if (!options.length) return
if (speakerActive >= 0 && options[speakerActive]) options[speakerActive].removeAttribute('aria-selected')
speakerActive = Math.max(0, Math.min(options.length - 1, index))
options[speakerActive].setAttribute('aria-selected', 'true')
speakerBox.setAttribute('aria-activedescendant', options[speakerActive].id)
}
var speakerTyped = 0
speakerBox.addEventListener('input', function () {
var text = speakerBox.value
var asked = ++speakerTyped
if (chosen && text !== chosen.name) {
chosen = null
wantedSpeaker = ''
remember(true)
}
if (!text.trim()) { speakerRows = []; closeSpeakers(); if (reply) render(); return }
rowsFor(text).then(function (rows) {
if (asked !== speakerTyped) return
speakerRows = rows
if (reply) render()
})
})
speakerBox.addEventListener('keydown', function (event) {
if (event.key === 'ArrowDown') { event.preventDefault(); activateSpeaker(speakerActive + 1) }
else if (event.key === 'ArrowUp') { event.preventDefault(); activateSpeaker(speakerActive - 1) }
else if (event.key === 'Escape') { speakerRows = []; closeSpeakers() }
else if (event.key === 'Enter') {
event.preventDefault()           // never submits the search form
var options = speakerList.querySelectorAll('.speaker-option')
var at = speakerActive >= 0 ? speakerActive : (options.length === 1 ? 0 : -1)
if (at >= 0) {
var name = options[at].textContent.replace(/ \(\d+\)$/, '')
var row = speakerRows.filter(function (r) { return r.name === name })[0]
if (row) pick(row)
}
}
})
speakerBox.addEventListener('blur', function () { speakerRows = []; closeSpeakers() })
input.addEventListener('focus', load, { once: true })
input.addEventListener('input', function () {
remember(false)
search(input.value, true)
})
input.addEventListener('keydown', function (event) {
if (event.key === 'ArrowDown') { event.preventDefault(); activate(active + 1) }
else if (event.key === 'ArrowUp') { event.preventDefault(); activate(active - 1) }
else if (event.key === 'Escape') { activate(-1) }
else if (event.key === 'Enter' && active >= 0) {
event.preventDefault()
remember(true)
location.href = list.querySelectorAll('.result a')[active].href
}
})
form.addEventListener('submit', function (event) {
event.preventDefault()
remember(true)
search(input.value, false)
})
form.addEventListener('change', function (event) {
if (event.target === input || event.target === speakerBox) return
wantedYear = yearSelect.value
remember(true)
if (reply) { shown = PAGE; render() }
})
list.addEventListener('click', function (event) {
if (event.target.closest && event.target.closest('a')) remember(true)
})
more.addEventListener('click', function () { shown += PAGE; render() })
window.addEventListener('popstate', restore)
restore()
if (!input.value.trim()) {
if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 3000 })
else setTimeout(load, 1500)
}
}())
