/** Child process of the lock test: opens a dataset, writes (taking the lock), says so, and waits. */
import { openDataset } from '../../../src/index.js'

const ds = await openDataset(process.argv[2]!)
await ds.tensor('x').append([1])
await ds.flush()
console.log('locked')
setInterval(() => {}, 1000)
