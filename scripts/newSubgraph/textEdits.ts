// Line edits of the files a subgraph is registered in. Each edit finds its place by a pattern and throws
// a RegistrationError naming the file and what it looked for, so a file whose layout changed stops the
// generator before anything is written.

export class RegistrationError extends Error {
  constructor(file: string, problem: string) {
    super(
      `${file}: ${problem}. Register the subgraph there by hand, or fix the generator (scripts/newSubgraph/).`,
    );
  }
}

/** A file's lines with the name it is reported under. */
export class EditedFile {
  readonly lines: string[];

  constructor(
    readonly path: string,
    text: string,
  ) {
    this.lines = text.split("\n");
  }

  get text(): string {
    return this.lines.join("\n");
  }

  fail(problem: string): never {
    throw new RegistrationError(this.path, problem);
  }

  /** The index of the first line matching `pattern` in [from, to), or fails saying `what` is missing. */
  find(pattern: RegExp, what: string, from = 0, to = this.lines.length): number {
    for (let i = from; i < to; i++) if (pattern.test(this.lines[i] ?? "")) return i;
    return this.fail(`no ${what}`);
  }

  /** The index of the last line matching `pattern` in [from, to), or fails saying `what` is missing. */
  findLast(pattern: RegExp, what: string, from = 0, to = this.lines.length): number {
    for (let i = to - 1; i >= from; i--) if (pattern.test(this.lines[i] ?? "")) return i;
    return this.fail(`no ${what}`);
  }

  /** Fails when a line matches `pattern`: the subgraph is registered already. */
  refuse(pattern: RegExp, what: string): void {
    if (this.lines.some((line) => pattern.test(line))) this.fail(`${what} is there already`);
  }

  insert(at: number, added: string[]): void {
    this.lines.splice(at, 0, ...added);
  }

  /** Inserts `added` after the last line matching `pattern` in [from, to), `skip` lines further on. */
  insertAfterLast(
    pattern: RegExp,
    what: string,
    added: string[],
    range: [number, number] = [0, Infinity],
    skip = 0,
  ) {
    const at = this.findLast(pattern, what, range[0], Math.min(range[1], this.lines.length));
    this.insert(at + 1 + skip, added);
  }
}

/** [first, end) of the YAML block `key:` at `indent` spaces: its line and the more indented ones after it. */
export function yamlBlock(file: EditedFile, key: string, indent: number, from = 0): [number, number] {
  const pad = " ".repeat(indent);
  const start = file.find(new RegExp(`^${pad}${key}:\\s*$`), `"${key}:" block`, from);
  let end = start + 1;
  while (end < file.lines.length) {
    const line = file.lines[end] ?? "";
    const deeper = line.startsWith(`${pad} `) || line.trim() === "" || line.trimStart().startsWith("#");
    if (!deeper) break;
    end++;
  }
  // Blank lines and comments at the end belong to what follows.
  while (end > start + 1 && !(file.lines[end - 1] ?? "").startsWith(`${pad} `)) end--;
  return [start, end];
}
