/** The reviewer's reporters: pure functions from the reviews of a run to text. */
export { renderTable, type TableOptions } from "./table";
export { renderJson, stackJson, multiJson } from "./json";
export { renderSarif, sarifLog, type SarifOptions } from "./sarif";
export { renderMarkdown, controlStandings, type MarkdownOptions } from "./markdown";
export { verdictOf, parseUrn, type ReportOptions } from "./common";
