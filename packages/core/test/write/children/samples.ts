/** The i-th sample of each tensor of the crash test, shared by the child and the checker. */
export function expectedSample(i: number) {
  const n = (i % 13) + 1
  return {
    ints: Int32Array.from({ length: n }, (_, k) => i * 1000 + k),
    words: `sample ${i} ${'ü'.repeat(i % 5)}`,
    packed: Uint16Array.from({ length: 50 }, (_, k) => (i * 7 + k) % 65536),
  }
}
