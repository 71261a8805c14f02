// Rewrites policy-packs/POLICIES.md from the policies (npm run catalog).
import * as fs from "fs";
import * as path from "path";
import { renderCatalog } from "./render";

fs.writeFileSync(path.join(__dirname, "..", "POLICIES.md"), renderCatalog());
