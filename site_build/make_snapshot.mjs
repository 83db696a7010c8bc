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
// Mostly empty heap: gzip takes 30 MB to about 6 MB, and every browser can undo it (DecompressionStream).
// Level 9 and Node's fixed gzip header (no time, no name): the same memory gives the same file.
process.stdout.write(gzipSync(pyodide.makeMemorySnapshot(), { level: 9 }));
