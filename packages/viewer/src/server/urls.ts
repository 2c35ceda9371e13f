/** The URLs the server hands the page for a sample's pictures and files. */

/** The binary and JSON routes that take a tensor and an index. */
export type SampleRoute = 'image' | 'mask' | 'mask.png' | 'heatmap.png' | 'file' | 'waveform'

/** `/api/<route>?tensor=…&index=…[&item=…]`, with the tensor name encoded. */
export function sampleUrl(route: SampleRoute, tensor: string, index: number, item?: number): string {
  const query = `tensor=${encodeURIComponent(tensor)}&index=${index}${item === undefined ? '' : `&item=${item}`}`
  return `/api/${route}?${query}`
}
