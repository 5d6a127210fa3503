/** What an HTTP-FLV play answered: its status, and the media tags read before `enough` or the deadline. */
export interface FlvPlayback {
  status: number;
  /** Whether the body began with an FLV header ("FLV", version 1). */
  flvHeader: boolean;
  videoTags: number;
  audioTags: number;
}

const FLV_HEADER = 9;
const PREVIOUS_TAG_SIZE = 4;
const TAG_HEADER = 11;

/** Counts the FLV tags in `bytes` (header, then [previous tag size, tag]...) as far as they are complete. */
export function countFlvTags(bytes: Buffer): Omit<FlvPlayback, "status"> {
  const flvHeader =
    bytes.length >= FLV_HEADER && bytes.subarray(0, 3).toString("latin1") === "FLV" && bytes[3] === 1;
  let videoTags = 0;
  let audioTags = 0;
  let at = FLV_HEADER + PREVIOUS_TAG_SIZE;
  while (flvHeader && at + TAG_HEADER <= bytes.length) {
    const type = bytes[at]! & 0x1f;
    const size = bytes.readUIntBE(at + 1, 3);
    if (at + TAG_HEADER + size > bytes.length) break;
    if (type === 9 && size > 0) videoTags++;
    if (type === 8 && size > 0) audioTags++;
    at += TAG_HEADER + size + PREVIOUS_TAG_SIZE;
  }
  return { flvHeader, videoTags, audioTags };
}

/**
 * Plays `url` over HTTP-FLV until `enough` video and audio tags arrived or `timeoutMs` passed, then
 * hangs up (a live body never ends by itself).
 */
export async function playFlv(url: string, enough = 10, timeoutMs = 5_000): Promise<FlvPlayback> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let status = 0;
  let bytes = Buffer.alloc(0);
  try {
    const response = await fetch(url, { signal: abort.signal });
    status = response.status;
    if (!response.body) return { status, ...countFlvTags(bytes) };
    for await (const chunk of response.body) {
      bytes = Buffer.concat([bytes, Buffer.from(chunk)]);
      const tags = countFlvTags(bytes);
      if (tags.videoTags >= enough && tags.audioTags >= 1) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return { status, ...countFlvTags(bytes) };
}
