// Write a brotli-compressed sibling <file>.br for each file named: node brotli.mjs <file>...
// Node's own zlib, so no extra package; the same input gives the same bytes. Quality 9 with a 16 MB
// window: the wasm in about 5 s, 13% smaller than gzip -9 (quality 11 gains 3% more in a minute).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

for (const file of process.argv.slice(2)) {
  const data = readFileSync(file);
  const br = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 9,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  writeFileSync(`${file}.br.tmp`, br);
  renameSync(`${file}.br.tmp`, `${file}.br`);
}
