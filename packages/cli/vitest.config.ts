import { mergeConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.js'

export default mergeConfig(packageTestConfig('@shoal/cli'), {
  test: { globalSetup: ['./test/global-setup.ts'], hookTimeout: 300_000 },
})
