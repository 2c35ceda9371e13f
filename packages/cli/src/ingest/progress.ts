import { coloursFor } from '../colour.js'

/**
 * Ingest progress on stderr: a redrawn bar with rate and ETA on a terminal, a plain line every few
 * seconds otherwise, nothing with --quiet or --json.
 */
export class Progress {
  private readonly started = Date.now()
  private lastLine = 0

  constructor(
    private readonly total: number | undefined,
    private readonly mode: 'tty' | 'lines' | 'off',
  ) {}

  update(done: number): void {
    if (this.mode === 'off') return
    const now = Date.now()
    if (this.mode === 'lines' && now - this.lastLine < 2000 && done !== this.total) return
    this.lastLine = now
    const seconds = (now - this.started) / 1000
    const rate = seconds > 0 ? done / seconds : 0
    const eta = this.total && rate > 0 ? Math.max(0, (this.total - done) / rate) : undefined
    const of = this.total === undefined ? `${done}` : `${done}/${this.total}`
    const text = `${of} samples, ${rate.toFixed(0)}/s${eta === undefined ? '' : `, ETA ${eta.toFixed(0)} s`}`
    if (this.mode === 'tty') {
      const width = 24
      const filled = this.total ? Math.round((width * done) / this.total) : 0
      const { green } = coloursFor(process.stderr)
      process.stderr.write(`\r[${green('#'.repeat(filled))}${'.'.repeat(width - filled)}] ${text}   `)
    } else process.stderr.write(`ingest: ${text}\n`)
  }

  end(): void {
    if (this.mode === 'tty') process.stderr.write('\n')
  }
}
