// Reads a JSON array of strings on stdin; prints a JSON array with, for each string, the terms that
// lunr.js 2.3.9 + quotewire-lunr.js produce: {"index": [...], "query": [...]}. Used by
// tests/test_search_pipeline.py. argv[2]: path to quotewire-lunr.js; NODE_PATH finds lunr.
const lunr = require('lunr')
const quotewire = require(process.argv[2])

const indexPipeline = new lunr.Pipeline()
indexPipeline.add(...quotewire.pipelines.index)
const queryPipeline = new lunr.Pipeline()
queryPipeline.add(...quotewire.pipelines.query)

let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => { input += chunk })
process.stdin.on('end', () => {
  const out = JSON.parse(input).map((text) => ({
    index: indexPipeline.run(lunr.tokenizer(text)).map(String),
    query: lunr.tokenizer(text).map((t) => queryPipeline.runString(t.toString())).flat()
  }))
  process.stdout.write(JSON.stringify(out))
})
