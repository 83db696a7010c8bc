// Decide many requests with policy_engine on Pyodide under Node. Two users: site_build/stdlib.py
// (which standard library modules Pyodide's start-up and the engine import, to ship only those) and
// the parity test (the browser-free half: the same answers as CPython, from the site's own files).
// Usage: node pyodide_decide.mjs <pyodide dir> <stdlib zip> <engine wheel> <requests.jsonl> <every>
//   -> a header line {python, modules, compiled_from_source}, then one line per request: the
//      tool's full JSON answer (decide_json) for every <every>th request, only the outcome and
//      deciding rules (or the error) for the others, since the full answer is 10-20 times the
//      work. "modules" lists the entries of the standard library zip that Python has imported by
//      the end (every request decided); "compiled_from_source" those of them it compiled from
//      source rather than read as bytecode.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, stdlibPath, wheelPath, requestsPath, every] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  stdout: () => {},
  stdLibURL: stdlibPath,
});
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel"); // a Uint8Array, not a Buffer
const decide = pyodide.pyimport("policy_engine.api").decide_json;
const brief = pyodide.runPython(`
import json
from policy_engine import InputError, decide, parse_json

def brief(text):
    try:
        decision = decide(parse_json(text))
    except InputError as error:
        return json.dumps(error.to_dict())
    return json.dumps({"outcome": decision.outcome.value,
                       "rules": [rule.id for rule in decision.rules]})
brief`);
const lines = readFileSync(requestsPath, "utf8").split("\n").filter(Boolean);
const decisions = lines.map((line, i) => (i % Number(every) === 0 ? decide(line) : brief(line)));
const header = pyodide.runPython(`
import json, sys, zipimport
zip_prefix = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/"
loaded = [(getattr(m, "__file__", None) or "", m) for m in list(sys.modules.values())]
in_zip = [(f[len(zip_prefix):], m) for f, m in loaded if f.startswith(zip_prefix)]
json.dumps({
    "python": sys.version.split()[0],
    "modules": sorted({name for name, _ in in_zip}),
    # Modules Python compiled from the zip's source (frozen ones name a .py too, but were not).
    "compiled_from_source": sorted({
        name for name, m in in_zip
        if name.endswith(".py") and isinstance(getattr(m, "__loader__", None), zipimport.zipimporter)
    }),
})
`);
process.stdout.write([header, ...decisions].join("\n") + "\n");
