// Runs quotewire-search.js's engine over a Quotewire index as the search page runs a query opened
// from its address (?q=: whole words, not a word being typed). argv[2]: quotewire-lunr.js,
// argv[3]: the folder of the search files, argv[4]: the meta file's name; stdin: a JSON array of
// query texts. Prints, for each, {urls: the first 10 results' urls, articles: the first 10 urls
// with the Articles filter on, fuzzy, count}.
const fs = require('fs')
const path = require('path')
const quotewire = require(process.argv[2])
const quotewireSearch = require(path.join(path.dirname(process.argv[2]), 'quotewire-search.js'))
const loaded = require('./load_index.js')(quotewire, process.argv[3], process.argv[4])
const engine = quotewireSearch.engine(loaded.load, process.argv[4])
const texts = JSON.parse(fs.readFileSync(0, 'utf8'))
async function main () {
  const out = []
  for (const text of texts) {
    const reply = await engine.search(text, false)
    const ids = reply.results.slice(0, 10).map((r) => r.id)
    const articles = reply.results.filter((r) => r.type === 'article').slice(0, 10).map((r) => r.id)
    const entries = await engine.entries(ids.concat(articles))
    out.push({ urls: ids.map((id) => entries[id].url), articles: articles.map((id) => entries[id].url),
      fuzzy: reply.fuzzy, count: reply.results.length })
  }
  process.stdout.write(JSON.stringify(out))
}
main().catch((e) => { console.error(e); process.exit(1) })
