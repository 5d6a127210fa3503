import { gunzipSync, gzipSync } from "node:zlib";

/** One file of an archive. */
export interface ArchiveFile {
  name: string;
  bytes: Uint8Array;
}

const BLOCK = 512;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function header(file: ArchiveFile, modifiedAt: Date): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const put = (text: string, offset: number, length: number) => {
    const bytes = encoder.encode(text);
    if (bytes.length > length) throw new Error(`tar: "${text}" is longer than ${length} bytes.`);
    block.set(bytes, offset);
  };
  const octal = (value: number, length: number) => `${value.toString(8).padStart(length - 1, "0")}\0`;
  put(file.name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(file.bytes.length, 12), 124, 12);
  put(octal(Math.floor(modifiedAt.getTime() / 1000), 12), 136, 12);
  put("        ", 148, 8); // checksum field counts as spaces while summing
  put("0", 156, 1);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  const sum = block.reduce((total, byte) => total + byte, 0);
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return block;
}

/** A gzip-compressed POSIX (ustar) tar of `files`, in order: what `tar -xzf` unpacks. */
export function tarGz(files: readonly ArchiveFile[], modifiedAt = new Date()): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const file of files) {
    chunks.push(header(file, modifiedAt), file.bytes);
    const padding = (BLOCK - (file.bytes.length % BLOCK)) % BLOCK;
    if (padding > 0) chunks.push(new Uint8Array(padding));
  }
  chunks.push(new Uint8Array(BLOCK * 2));
  return gzipSync(Buffer.concat(chunks));
}

/** The files of a `tarGz` archive (regular files of any ustar tar). */
export function untarGz(archive: Uint8Array): ArchiveFile[] {
  const tar = gunzipSync(archive);
  const files: ArchiveFile[] = [];
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) =>
      decoder
        .decode(block.subarray(start, start + length))
        .replace(/\0.*$/s, "")
        .trim();
    const name = field(0, 100);
    const size = Number.parseInt(field(124, 12), 8);
    const type = field(156, 1);
    offset += BLOCK;
    if (type === "0" || type === "")
      files.push({ name, bytes: new Uint8Array(tar.subarray(offset, offset + size)) });
    offset += Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
