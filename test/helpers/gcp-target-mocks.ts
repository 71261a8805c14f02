import { INVOKES } from "../../review/engine/invokes";
import { setMockEngine } from "./mock-engine";

export { named, ofType } from "./aws-target-mocks";
export { resolve, runProgram, type Loose, type RecordedResource } from "./mock-engine";

/**
 * The GCP components' tests on the one mock engine (mock-engine.ts): the reviewer's computed
 * outputs in its pretend project and region (ids, self-links), and a strict `call` that answers
 * only the invokes the GCP components use, with the reviewer's own answers.
 */

/** The project and region the mock engine computes GCP outputs in (mock-engine.ts). */
export const PROJECT = "enclave-test";
export const REGION = "europe-west1";
/** The project number the reviewer's `gcp:organizations/getProject` answers. */
export const PROJECT_NUMBER = "123456789012";

const CONTEXT = { awsRegion: "", awsAccountId: "", gcpProject: PROJECT, gcpRegion: REGION };
const ANSWERED = ["gcp:organizations/getProject:getProject"];

/** Installs the mocks (await in beforeAll, before importing anything that creates resources). */
export async function setGcpMocks(): Promise<void> {
  await setMockEngine({
    call(token, args) {
      if (ANSWERED.includes(token)) {
        return INVOKES[token]!(args, CONTEXT);
      }
      throw new Error(`Mock not implemented: ${token}`);
    },
  });
}

/** A service agent's IAM member in the mock project. */
export const agent = (domain: string) =>
  `serviceAccount:service-${PROJECT_NUMBER}@${domain}.iam.gserviceaccount.com`;
