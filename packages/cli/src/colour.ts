/**
 * ANSI colours for one output stream: on only when the stream is a terminal and NO_COLOR is unset
 * or empty (https://no-color.org), so piped output and logs stay plain text.
 */
export function coloursFor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env) {
  const on = stream.isTTY === true && !env.NO_COLOR
  const paint = (open: number, close: number) => (text: string) =>
    on ? `\x1b[${open}m${text}\x1b[${close}m` : text
  return { red: paint(31, 39), green: paint(32, 39), dim: paint(2, 22) }
}
