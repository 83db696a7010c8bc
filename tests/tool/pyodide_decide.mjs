// Decide many requests with policy_engine on Pyodide under Node (the parity test's browser-free half).
// Python starts from the site's snapshot, as in the tool's worker, so the snapshot is checked too.
// Usage: node pyodide_decide.mjs <pyodide dir> <snapshot> <engine wheel> <requests.jsonl>
//   -> one decision per line
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, snapshotPath, wheelPath, requestsPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  stdout: () => {},
  _loadSnapshot: gunzipSync(readFileSync(snapshotPath)),
});
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel"); // a Uint8Array, not a Buffer
const decide = pyodide.pyimport("policy_engine.api").decide_json;
const version = pyodide.runPython("import sys; sys.version.split()[0]");
const lines = readFileSync(requestsPath, "utf8").split("\n").filter(Boolean);
const out = [JSON.stringify({ python: version })];
for (const line of lines) out.push(decide(line));
process.stdout.write(out.join("\n") + "\n");
