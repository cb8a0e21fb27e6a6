// Loads a Quotewire index from a folder (node): load(file) as the browser's worker does, and the
// whole index as one lunr.Index (every term chunk). Used by the node scripts beside it.
const fs = require('fs')
const path = require('path')

module.exports = function loadIndex (quotewire, folder, metaFile) {
  function load (file) {
    return Promise.resolve(quotewire.parseScript(file.split('.')[0], fs.readFileSync(path.join(folder, file), 'utf8')))
  }
  const meta = quotewire.parseScript('meta', fs.readFileSync(path.join(folder, metaFile), 'utf8'))
  const archive = new quotewire.Archive(meta)
  function whole () {
    const chunks = meta.terms.map((chunk, number) => ({
      number, chunk: quotewire.decodeChunk(quotewire.parseScript(chunk[2].split('.')[0], fs.readFileSync(path.join(folder, chunk[2]), 'utf8')))
    }))
    return quotewire.view(archive, chunks)
  }
  return { load, meta, archive, whole }
}
