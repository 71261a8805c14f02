import type { CapturedResource } from "../engine/capture";
import { RequestBuilder, type PackRequest } from "./requests";

/** Where an Analyze request goes: a pack session (or a test's recorder). */
export interface AnalyzeSink {
  analyze(urn: string, request: PackRequest): void;
}

interface AnalyzeRequest {
  readonly urn: string;
  readonly request: PackRequest;
}

/**
 * Hands every registration of one stack to every attached pack session as an Analyze request, in
 * registration order, while the program still runs. A session attached late gets the earlier
 * requests first; a URN registered twice (a live message and the final list) is sent once.
 */
export class Fanout {
  private readonly requests: AnalyzeRequest[] = [];
  private readonly seen = new Set<string>();
  private readonly sinks: AnalyzeSink[] = [];

  constructor(private readonly builder: RequestBuilder) {}

  /** One registered resource; those the packs never see (the stack, providers) are skipped. */
  readonly register = (r: CapturedResource): void => {
    if (!RequestBuilder.analyzed(r) || this.seen.has(r.urn)) {
      return;
    }
    this.seen.add(r.urn);
    const request = { urn: r.urn, request: this.builder.analyze(r) };
    this.requests.push(request);
    this.sinks.forEach((sink) => sink.analyze(request.urn, request.request));
  };

  attach(sink: AnalyzeSink): void {
    this.requests.forEach((q) => sink.analyze(q.urn, q.request));
    this.sinks.push(sink);
  }
}
