/**
 * Unit and HTTP tests run in parallel; browser tests (test/e2e) run alone with `npm run test:e2e`;
 * the crash test (test/faults: a real server killed with SIGKILL) with `npm run test:faults`.
 */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] };

module.exports = {
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['/test/e2e/', '/test/faults/'], setupFilesAfterEnv: ['<rootDir>/test/setup/timeout.ts'] },
    { displayName: 'e2e', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { displayName: 'faults', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/faults/**/*.test.ts'] },
  ],
};
