import { TestWorkflowEnvironment } from '@temporalio/testing';
import { testEnv } from './env';

/**
 * The Java time-skipping test server, started through the wrapper that scripts/toolchain.sh
 * built (the SDK's own download cannot work without internet). Timers of days run in ms.
 */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testEnv.testServer() } },
  });
}
