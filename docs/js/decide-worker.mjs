// The decision tool's engine: Pyodide in a module Web Worker, so the page never freezes while it starts.
// Messages in:  {type: "init", pyodideUrl, wheelUrl}, then {type: "decide", id, request} (a JSON string).
// Messages out: {type: "ready", phases}, {type: "error", message}, {type: "decision", id, decision} (JSON string).
// Only JSON strings cross the JS/Python boundary (toJs() would turn None into undefined).

let decideJson = null; // policy_engine.api.decide_json, once the engine is loaded

// Pyodide 314 reports a WebAssembly download or compile failure (blocked, old browser, CSP) only by
// console.warn("wasm instantiation failed!") and then never settles loadPyodide(): make it a failure.
function wasmFailure() {
  return new Promise((_, reject) => {
    const warn = console.warn;
    console.warn = (...args) => {
      warn(...args);
      if (String(args[0]).includes("wasm instantiation failed")) {
        reject(new Error("WebAssembly could not be loaded"));
      }
    };
  });
}

async function start({ pyodideUrl, wheelUrl }) {
  const t0 = performance.now();
  // Fetch the engine wheel while Pyodide boots, rather than after it.
  const wheel = fetch(wheelUrl).then((response) => {
    if (!response.ok) throw new Error(`the engine file answered ${response.status}`);
    return response.arrayBuffer();
  });
  const { loadPyodide } = await import(`${pyodideUrl}pyodide.mjs`);
  const pyodide = await Promise.race([
    loadPyodide({ indexURL: pyodideUrl, stdout: () => {}, stderr: () => {} }),
    wasmFailure(),
  ]);
  const t1 = performance.now();
  // unpackArchive needs a Uint8Array; "wheel" puts the package on sys.path (no micropip, no network).
  pyodide.unpackArchive(new Uint8Array(await wheel), "wheel");
  const t2 = performance.now();
  decideJson = pyodide.pyimport("policy_engine.api").decide_json;
  const t3 = performance.now();
  // Durations in ms, for bench/tool.py: Pyodide boot, wheel wait + unpack, engine import.
  return { pyodide: t1 - t0, unpack: t2 - t1, import: t3 - t2 };
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      const phases = await start(data);
      self.postMessage({ type: "ready", phases });
    } catch (error) {
      self.postMessage({ type: "error", message: String(error && error.message ? error.message : error) });
    }
  } else if (data.type === "decide") {
    // The page sends requests only after "ready"; decide_json never raises on bad input.
    self.postMessage({ type: "decision", id: data.id, decision: decideJson(data.request) });
  }
};
