// Compile the trimmed standard library for Pyodide's own Python, so that its start reads bytecode
// instead of compiling every module's source (Pyodide's python_stdlib.zip holds only sources, and
// nothing can write a compiled copy into a zip; compiling them took about two thirds of an ordinary
// start). Only Pyodide's Python can do it: the bytecode and its magic number are those of its
// version, not the build machine's Python.
// Usage: node compile_stdlib.mjs <pyodide dir> <trimmed zip>   -> the compiled zip on stdout
// Each `x.py` becomes `x.pyc`, its source left out; other entries are kept. Entries are stored, not
// deflated: the host's gzip or brotli then compresses across them (1.1 MB over the wire with
// brotli, 1.4 MB with gzip, against 1.5 MB for entries deflated one by one).
import { pathToFileURL } from "node:url";
import path from "node:path";
import { readFileSync } from "node:fs";

const [pyodideDir, zipPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  stdLibURL: zipPath,
  // A set of strings among a module's constants is marshalled in hash order: a fixed seed, so
  // that the same source gives the same bytes.
  env: { PYTHONHASHSEED: "0" },
  stdout: () => {},
  stderr: () => {},
});
pyodide.FS.writeFile("/tmp/source.zip", readFileSync(zipPath));
pyodide.runPython(`
import importlib.util
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

# The name zipimport gives a module it compiles from this zip, so tracebacks read as before.
archive = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
with zipfile.ZipFile("/tmp/source.zip") as source, \\
        zipfile.ZipFile("/tmp/compiled.zip", "w", zipfile.ZIP_STORED) as compiled:
    for info in source.infolist():
        data = source.read(info)
        name = info.filename
        if name.endswith(".py"):
            # optimize=0, as the interpreter runs: docstrings and asserts are kept.
            code = compile(data, f"{archive}/{name}", "exec", dont_inherit=True, optimize=0)
            # Unchecked hash-based: no time in the file (the same source gives the same bytes),
            # and no source for zipimport to compare it with.
            data = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
            name += "c"
        entry = zipfile.ZipInfo(name, date_time=info.date_time)
        entry.external_attr = info.external_attr
        compiled.writestr(entry, data)
`);
process.stdout.write(pyodide.FS.readFile("/tmp/compiled.zip"));
