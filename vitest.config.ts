import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Compiles src/ to dist/ once per run: tests that start the server as a process run it as `npm start` does.
    globalSetup: ['test/helpers/buildOnce.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for a state that comes eventually (a page re-rendering after a request, a
    // row a background chore writes); its 1 s default measured how busy the machine was, not the
    // code: a loaded CI machine once missed a re-render by that margin. It still fails when the
    // state never comes.
    expect: { poll: { timeout: 10_000 } },
    // PGlite and PostgreSQL suites are heavy; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
