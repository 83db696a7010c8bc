// Start Pyodide once under Node and write its memory, just after Python's own start-up, gzip-compressed.
// Usage: node make_snapshot.mjs <pyodide dir> <standard library zip>   -> the compressed snapshot on stdout
// The tool's worker restores it instead of running that start-up (about two thirds of Pyodide's boot).
// Only the interpreter is in it, not policy_engine: a change to the rules does not remake it. Python's
// zip importer keeps the standard library zip's table of contents in it, so the worker must give the
// same zip (site_build/snapshot.py names the snapshot after both).
// _makeSnapshot and makeMemorySnapshot are Pyodide's own snapshot API (underscored, undocumented);
// a snapshot fits only the pyodide.asm.wasm it was made with, so site_build keeps it beside that file.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { xorWithStartingMemory } from "../docs/js/snapshot-delta.mjs";

// The same bytes from every making (a test makes it twice): Python's start-up seeds its string hashes
// (PYTHONHASHSEED below), `random` and the C library's generator from the system's randomness, and the
// files it creates carry the clock's time. Both are fixed while the snapshot is made. Every visitor
// restores the same memory anyway, so nothing a visitor had is lost; the tool uses no randomness.
const nodeCrypto = createRequire(import.meta.url)("node:crypto");
nodeCrypto.randomFillSync = (view) => {
  new Uint8Array(view.buffer, view.byteOffset, view.byteLength).fill(7);
  return view;
};
const FIXED_TIME_MS = Date.UTC(2026, 0, 1);
Date.now = () => FIXED_TIME_MS;
performance.now = () => 0;

const [pyodideDir, stdlibZip] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  stdLibURL: stdlibZip,
  _makeSnapshot: true,
  env: { PYTHONHASHSEED: "0" },
  // Under Node, sys.executable (and the _ environment variable) would be this script's path on the
  // build machine; keep what a browser start sets instead.
  _sysExecutable: "./this.program",
  stdout: () => {},
  stderr: () => {},
});
// Memory the C library has freed still holds what was there (the bytes of files Python read and
// let go): zero it, so that gzip takes it to nothing. The blocks are this script's own while it
// writes them (malloc, fill, free), and no block above the heap's end as it was is taken, so the
// heap does not grow; past that end the memory is free and is zeroed whole.
function zeroFreeMemory(module) {
  const heapEnd = module._sbrk(0);
  const taken = [];
  for (let size = 1 << 22; size >= 16; size >>= 2) {
    for (;;) {
      const at = module._malloc(size);
      if (!at) break;
      if (at + size > heapEnd) {
        module._free(at);
        break;
      }
      module.HEAPU8.fill(0, at, at + size);
      taken.push(at);
    }
  }
  taken.forEach((at) => module._free(at));
  module.HEAPU8.fill(0, module._sbrk(0));
}

pyodide.runPython("import gc; gc.collect()");
zeroFreeMemory(pyodide._module);
// Stored as its difference from the memory the wasm starts with (docs/js/snapshot-delta.mjs), then
// gzip (about 3.6 MB from 30), which every browser can undo (DecompressionStream). Level 9 and
// Node's fixed gzip header (no time, no name): the same memory gives the same file.
const wasm = readFileSync(path.join(pyodideDir, "pyodide.asm.wasm"));
const stored = xorWithStartingMemory(pyodide.makeMemorySnapshot(), wasm);
process.stdout.write(gzipSync(stored, { level: 9 }));
