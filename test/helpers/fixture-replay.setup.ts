import { afterAll } from "vitest";
import { replayRecordedCases, startFile } from "./fixture-recorder";

/**
 * Runs before every test file (setupFiles in test/vitest.config.mts), ahead of the file's own
 * code, so a file's `skipAnalyzerReplay()` at import applies to it alone: the recorder starts
 * empty for the file and replays what the file recorded once its tests are done.
 */
startFile();
afterAll(replayRecordedCases);
