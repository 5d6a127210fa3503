import { type Attributes, type Context, type Link, type SpanKind, trace } from "@opentelemetry/api";
import { type Sampler, SamplingDecision, type SamplingResult } from "@opentelemetry/sdk-trace-base";

const DROP: SamplingResult = { decision: SamplingDecision.NOT_RECORD };

/**
 * Drops Prisma's spans that have no parent (the relay's polls, a consumer's fetch of its inbox, a
 * sweeper's query): each would otherwise be a trace of its own, many a second, telling nothing.
 * Every other span is decided by `next`.
 */
export class OrphanQuerySampler implements Sampler {
  constructor(private readonly next: Sampler) {}

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    if (spanName.startsWith("prisma:") && !trace.getSpanContext(context)) return DROP;
    return this.next.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `OrphanQuerySampler{${this.next.toString()}}`;
  }
}
