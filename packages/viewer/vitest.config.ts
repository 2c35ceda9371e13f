import { mergeConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.js'

export default mergeConfig(packageTestConfig('@shoal/viewer'), {
  test: { globalSetup: ['./test/global-setup.ts'], hookTimeout: 300_000 },
})
