// The decision tool's engine: Pyodide in a module Web Worker, so the page never freezes while it starts.
// Messages in:  {type: "init", pyodideUrl, snapshotUrl, wheelUrl}, then {type: "decide", id, request} (a JSON string).
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

async function fetchBytes(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the ${what} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// The snapshot of Python just after start-up (site_build/snapshot.py), gzip-compressed. A host that
// sends it with Content-Encoding: gzip has already undone that: then it no longer starts 1f 8b.
async function fetchSnapshot(url) {
  const bytes = await fetchBytes(url, "Python snapshot");
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(plain).arrayBuffer());
}

// Start Python from the snapshot, which skips most of its start-up; if the snapshot cannot be had
// (a browser without DecompressionStream, a failed download) or restored, start it the ordinary way.
async function bootPyodide(pyodideUrl, snapshotUrl) {
  const { loadPyodide } = await import(`${pyodideUrl}pyodide.mjs`);
  const options = { indexURL: pyodideUrl, stdout: () => {}, stderr: () => {} };
  if (snapshotUrl && typeof DecompressionStream === "function") {
    try {
      // _loadSnapshot is Pyodide's own option (underscored, undocumented); see make_snapshot.mjs.
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: fetchSnapshot(snapshotUrl) });
      return { pyodide, snapshot: true };
    } catch (error) {
      console.info(`Starting Python without its snapshot: ${error && error.message ? error.message : error}`);
    }
  }
  return { pyodide: await loadPyodide(options), snapshot: false };
}

async function start({ pyodideUrl, snapshotUrl, wheelUrl }) {
  const t0 = performance.now();
  // Fetch the engine wheel while Pyodide boots, rather than after it.
  const wheel = fetchBytes(wheelUrl, "engine file");
  const { pyodide, snapshot } = await Promise.race([bootPyodide(pyodideUrl, snapshotUrl), wasmFailure()]);
  const t1 = performance.now();
  // unpackArchive needs a Uint8Array; "wheel" puts the package on sys.path (no micropip, no network).
  pyodide.unpackArchive(await wheel, "wheel");
  const t2 = performance.now();
  decideJson = pyodide.pyimport("policy_engine.api").decide_json;
  const t3 = performance.now();
  // For bench/tool.py: durations in ms (Pyodide boot, wheel wait + unpack, engine import), and
  // whether Python came from the snapshot.
  return { pyodide: t1 - t0, unpack: t2 - t1, import: t3 - t2, snapshot };
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
