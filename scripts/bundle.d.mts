// Types for bundle.mjs (plain Node, like the other scripts `npm start` runs before tsx is involved).
export function bundleEntry(options: { entry: string; outfile: string }): Promise<string>;
export function bundleProcess(name: string): Promise<string>;
