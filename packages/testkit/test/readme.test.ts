import { readFileSync } from 'node:fs'
import * as plugin from '@shoal/core/plugin'
import * as testkit from '../src/index.js'

// The README's example, run as written (imports swapped for the source entries), so it cannot rot.
// It declares a suite, so it runs while vitest collects this file, not inside a test.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const code = /## Example\n\n[^`]*```ts\n([\s\S]*?)```/.exec(readme)![1]!
new Function(
  'plugin',
  'testkit',
  `const { defineHtype } = plugin; const { describeHtypeConformance } = testkit; ${code.replace(/^import .*$/gm, '')}`,
)(plugin, testkit)
