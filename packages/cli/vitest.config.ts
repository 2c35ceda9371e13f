import { mergeConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.js'

export default mergeConfig(packageTestConfig('@shoal/cli'), {
  test: { globalSetup: ['../../vitest.build-cli.ts'], hookTimeout: 300_000 },
})
