export * from './builtin.js'
export * from './contract.js'
export * from './registry.js'
