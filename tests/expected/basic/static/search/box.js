(function () {
'use strict'
var here = document.currentScript ? document.currentScript.src : ''
document.addEventListener('keydown', function (event) {
if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return
var target = event.target
if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return
var box = document.querySelector('input[name="q"]')
if (!box) return
event.preventDefault()
box.focus()
box.select()
})
var terms = new URLSearchParams(location.search).get('hl')
if (!terms || !here) return
function loadScript (src) {
return new Promise(function (resolve, reject) {
var script = document.createElement('script')
script.src = new URL(src, here).href
script.async = false
script.onload = resolve
script.onerror = reject
document.head.appendChild(script)
})
}
function markWords (container, wanted) {
var quotewire = self.quotewire
var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
acceptNode: function (node) {
var parent = node.parentNode
return parent.closest('script, style, mark, .who') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
}
})
var nodes = []
while (walker.nextNode()) nodes.push(walker.currentNode)
var word = /[^\s\-]+/g
nodes.forEach(function (node) {
var text = node.nodeValue
var pieces = []
var at = 0
var m
word.lastIndex = 0
while ((m = word.exec(text)) !== null) {
var core = /^([^A-Za-z0-9\u00c0-\uffff]*)([\s\S]*?)[^A-Za-z0-9\u00c0-\uffff]*$/.exec(m[0])
if (core[2] && wanted[quotewire.queryTerm(core[2])]) {
var start = m.index + core[1].length
pieces.push([at, start], [start, start + core[2].length, true])
at = start + core[2].length
}
}
if (!pieces.length) return
pieces.push([at, text.length])
var fragment = document.createDocumentFragment()
pieces.forEach(function (piece) {
var part = text.slice(piece[0], piece[1])
if (!part) return
if (piece[2]) {
var mark = document.createElement('mark')
mark.className = 'search-hl'
mark.textContent = part
fragment.appendChild(mark)
} else {
fragment.appendChild(document.createTextNode(part))
}
})
node.parentNode.replaceChild(fragment, node)
})
}
function highlight () {
var wanted = {}
terms.split(/\s+/).forEach(function (t) { if (t) wanted[t] = true })
var quote = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null
if (quote) {
var parts = Array.prototype.slice.call(document.querySelectorAll('.quote, [id]'))
for (var i = parts.indexOf(quote); i < parts.length; i++) {
if (i > parts.indexOf(quote) && !parts[i].hasAttribute('data-continued')) break
parts[i].classList.add('hit')
}
}
markWords(document.querySelector('.story') || document.getElementById('main') || document.body, wanted)
if (quote) quote.scrollIntoView({ block: 'center' })
}
var ready = self.quotewire ? Promise.resolve() : Promise.all([loadScript('lunr.min.js'), loadScript('quotewire-lunr.js')])
ready.then(function () {
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', highlight)
else highlight()
}, function () {})   // without lunr.js the page still reads; only the marks are missing
}())
