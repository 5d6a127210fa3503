/** A signed URL and the instant it stops being accepted. */
export interface SignedUrl {
  url: string;
  expiresAt: Date;
}

/** Where a viewer plays a stream: RTMP and HTTP-FLV, signed with the play key, expiring together. */
export interface LivePlayUrls {
  rtmp: string;
  flv: string;
  expiresAt: Date;
}

/**
 * The live engine biz hands out URLs for (ARCHITECTURE: "signed push/play URLs behind a provider
 * interface"). Signing is local arithmetic: no network call, so nothing here can hang or fail when the
 * media side is down (a push or play then fails at the media server, not in biz).
 */
export interface LiveProvider {
  /** What is behind it, for logs and the README (e.g. "local-media-server"). */
  readonly name: string;
  /** The host's push URL for `streamName`, valid from `now` for the push TTL. */
  pushUrl(streamName: string, now: Date): SignedUrl;
  /** Viewers' play URLs for `streamName`, valid from `now` for the play TTL. */
  playUrls(streamName: string, now: Date): LivePlayUrls;
}
