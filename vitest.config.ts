import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Measured on the 2-core CI machine: vitest's default is one worker there
    // (cores - 1), and each test file re-imports the analyzer and the rules in a fresh module graph.
    // Two workers overlap the tests that wait (spawned CLIs, signals, the Ollama stub), and files
    // share a worker's modules (no file relies on a fresh module state: none mocks modules).
    // Forks, not threads: test/helpers/cli.ts changes the working folder for an in-process run.
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
    // The tests of tact's terminal screens play a person at a terminal, wherever they run. A CI
    // runner sets CI=true, which makes ink draw only its last frame and tact draw no live screen
    // (src/cli/io.ts liveTerminal): the workers see it as false, and the tests that are about CI set
    // it themselves.
    env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
    coverage: { provider: 'v8', include: ['src/**'], reporter: ['text-summary', 'html'] },
  },
});
