#!/usr/bin/env node
// CommonJS on purpose: `shoal --help` and `--version` answer from files written at build time
// without starting Node's ESM loader; every other command loads the ESM CLI.
const { readFileSync } = require('node:fs')
const { join } = require('node:path')

const [first, second, ...rest] = process.argv.slice(2)
const dist = join(__dirname, '..', 'dist')

function helpFor(command) {
  const texts = JSON.parse(readFileSync(join(dist, 'help.json'), 'utf8'))
  return Object.hasOwn(texts, command) ? texts[command] : undefined
}

let text
if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
  text = helpFor(second ?? '') ?? helpFor('')
} else if ((first === '--version' || first === '-v') && second === undefined) {
  text = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version
} else if ((second === '--help' || second === '-h') && rest.length === 0) {
  text = helpFor(first)
}

if (text !== undefined) process.stdout.write(`${text}\n`)
else import('../dist/cli.js')
