import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tarGz, untarGz } from "../../src/privacy/tarArchive.ts";

const text = (value: string) => new TextEncoder().encode(value);

describe("tarGz", () => {
  const files = [
    { name: "manifest.json", bytes: text('{"parts":2}\n') },
    { name: "user.json", bytes: text("x".repeat(1300)) },
    { name: "empty.json", bytes: new Uint8Array(0) },
  ];

  it("gives back the files it was given, in order", () => {
    expect(untarGz(tarGz(files))).toEqual(files);
  });

  it("writes an archive the system's tar unpacks", () => {
    const dir = mkdtempSync(join(tmpdir(), "tar-"));
    try {
      writeFileSync(join(dir, "export.tar.gz"), tarGz(files));
      execFileSync("tar", ["-xzf", "export.tar.gz"], { cwd: dir });
      expect(readFileSync(join(dir, "user.json"), "utf8")).toBe("x".repeat(1300));
      expect(readFileSync(join(dir, "manifest.json"), "utf8")).toBe('{"parts":2}\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a name longer than a tar header holds", () => {
    expect(() => tarGz([{ name: "n".repeat(101), bytes: text("") }])).toThrow(/longer than 100 bytes/);
  });
});
