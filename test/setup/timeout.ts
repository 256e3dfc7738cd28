/**
 * The default 5 s per test is too tight for property tests on a loaded 2-core CI machine (workers run in parallel).
 * Tests never measure speed (that is bench/'s job), so a generous floor only turns a hang into a failure later.
 */
jest.setTimeout(60_000);
