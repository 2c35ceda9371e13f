import { mergeConfig } from 'vitest/config'
import { packageTestConfig } from '../../vitest.shared.js'

export default mergeConfig(packageTestConfig('@shoal/viewer'), {
  test: { globalSetup: ['../../vitest.build-cli.ts'], hookTimeout: 300_000 },
})
