import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export const FFMPEG = "/usr/bin/ffmpeg";

export interface Push {
  /** Resolves with ffmpeg's exit code (null when it was killed) and the tail of its stderr. */
  exited: Promise<{ code: number | null; stderr: string }>;
  /** Stops the push (SIGKILL) and waits for ffmpeg to exit. */
  stop(): Promise<void>;
}

/**
 * Pushes a test pattern with a 440 Hz tone (H.264 + AAC in FLV, real time) to `url` for at most
 * `seconds`. A refused push ends ffmpeg with a non-zero code well before that.
 */
export function pushTestPattern(url: string, seconds: number): Push {
  const child: ChildProcess = spawn(
    FFMPEG,
    [
      ...["-hide_banner", "-loglevel", "error", "-nostdin", "-re"],
      ...["-f", "lavfi", "-i", "testsrc=size=320x240:rate=15"],
      ...["-f", "lavfi", "-i", "sine=frequency=440"],
      ...["-c:v", "libx264", "-preset", "ultrafast", "-g", "15", "-c:a", "aac"],
      ...["-t", String(seconds), "-f", "flv", url],
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  const exited = once(child, "exit").then(([code]) => ({ code: code as number | null, stderr }));
  return {
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
