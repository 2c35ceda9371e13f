export * from './contract.js'
export * from './lz4.js'
export * from './registry.js'
