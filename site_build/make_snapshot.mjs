// Start Pyodide once under Node and write its memory, just after Python's own start-up, gzip-compressed.
// Usage: node make_snapshot.mjs <pyodide dir>   -> the compressed snapshot on stdout
// The tool's worker restores it instead of running that start-up (about two thirds of Pyodide's boot).
// Only the interpreter is in it, not policy_engine: a change to the rules does not remake it.
// _makeSnapshot and makeMemorySnapshot are Pyodide's own snapshot API (underscored, undocumented);
// a snapshot fits only the pyodide.asm.wasm it was made with, so site_build keeps it beside that file.
import { pathToFileURL } from "node:url";
import path from "node:path";
import { gzipSync } from "node:zlib";

const [pyodideDir] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  _makeSnapshot: true,
  // Under Node, sys.executable (and the _ environment variable) would be this script's path on the
  // build machine; keep what a browser start sets instead.
  _sysExecutable: "./this.program",
  stdout: () => {},
  stderr: () => {},
});
// Mostly empty heap: gzip takes 30 MB to about 6 MB, and every browser can undo it (DecompressionStream).
process.stdout.write(gzipSync(pyodide.makeMemorySnapshot()));
