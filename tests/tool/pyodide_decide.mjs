// Decide many requests with policy_engine on Pyodide under Node (the parity test's browser-free half).
// Python starts from the site's snapshot, as in the tool's worker, so the snapshot is checked too.
// Usage: node pyodide_decide.mjs <pyodide dir> <snapshot> <engine wheel> <requests.jsonl> <every>
//   -> one line per request: the tool's full JSON answer (decide_json) for every <every>th request,
//      the outcome and deciding rules for the others (the full answer is 10-20x the work).
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, snapshotPath, wheelPath, requestsPath, every] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  stdout: () => {},
  _loadSnapshot: gunzipSync(readFileSync(snapshotPath)),
});
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel"); // a Uint8Array, not a Buffer
const decide = pyodide.pyimport("policy_engine.api").decide_json;
const brief = pyodide.runPython(`
import json
from policy_engine import decide, parse_json

def brief(text):
    decision = decide(parse_json(text))
    return json.dumps({"outcome": decision.outcome.value,
                       "rules": [rule.id for rule in decision.rules]})
brief`);
const version = pyodide.runPython("import sys; sys.version.split()[0]");
const lines = readFileSync(requestsPath, "utf8").split("\n").filter(Boolean);
const out = [JSON.stringify({ python: version })];
lines.forEach((line, i) => out.push(i % Number(every) === 0 ? decide(line) : brief(line)));
process.stdout.write(out.join("\n") + "\n");
