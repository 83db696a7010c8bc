// The decision tool's engine: Pyodide in a module Web Worker, so the page never freezes while it starts.
// Messages in:  {type: "init", files}, then {type: "decide", id, request} (a JSON string). `files` holds
//   the #decide-tool data attributes (decide.js): absolute URLs, SHA-256 hashes fixed at build time.
// Messages out: {type: "progress", loaded, total} (bytes, a few times a second while it downloads),
//   {type: "ready", phases}, {type: "error", kind, message} (kind: "network", "server", "browser" or
//   "engine"; message: what failed, in words, never a Python traceback), {type: "decision", id,
//   decision} (a JSON string).
// Only JSON strings cross the JS/Python boundary (toJs() would turn None into undefined).

let decideJson = null; // policy_engine.api.decide_json, once the engine is loaded

// A failure the page can name: the network (nothing came back), the server (a file missing,
// refused or not the one published), the browser (it cannot run WebAssembly here) or the engine.
class LoadError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

// Download progress, in bytes as they arrive (decoded): every fetch the worker and Pyodide make goes
// through countedFetch. `total` is the page's figure (the files fetched before the engine is ready,
// data-load-bytes). `counts`: the reads that count (countDownload). They run on this thread, so
// Python's start, which holds the thread, holds up their last chunks: they end after "ready" rather
// than delay it (up to 0.1 s on a first visit), and a last report then leaves the bar exact.
const progress = { loaded: 0, total: 0, sentAt: 0, lastFailure: null, counts: [] };
const PROGRESS_EVERY_MS = 250;

function reportProgress(force) {
  const now = performance.now();
  if (!force && now - progress.sentAt < PROGRESS_EVERY_MS) return;
  progress.sentAt = now;
  self.postMessage({ type: "progress", loaded: progress.loaded, total: Math.max(progress.total, progress.loaded) });
}

// Pyodide always gets the browser's own responses, and the bytes are counted on a second read of the
// same request (countDownload), which the HTTP cache answers from the one download: no file comes
// twice over the network. Handing Pyodide counted copies instead (of the standard library, the
// package list and the wheel, even with the wasm's own response) left Chromium keeping no compiled
// WebAssembly for the next visit (measured 2026-12-02: 16 KB in the profile's "Code Cache/wasm",
// against 2.5 MB for a bare Pyodide page; why those copies stop it is not known), so every return
// visit compiled Pyodide again as Python started, 0.5-1 s slower than a bare Pyodide start.
async function countDownload(input) {
  try {
    const response = await networkFetch(input);
    if (!response.ok || !response.body) return;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      progress.loaded += value.length;
      reportProgress(false);
    }
  } catch {
    // Pyodide's own request for the file reports a failure; this read only counts.
  }
}

// On a return visit, the wasm's size in bytes, counted in one step: the bytes come from the disk at
// once there, so reading them a second time to count them would show nothing and read 10 MB again.
let wasmFromCache = 0;

const networkFetch = self.fetch.bind(self);
async function countedFetch(input, init) {
  let response;
  try {
    response = await networkFetch(input, init);
  } catch {
    progress.lastFailure = new LoadError("network", `${fileName(input)} could not be downloaded: the connection failed`);
    throw progress.lastFailure;
  }
  if (!response.ok) {
    progress.lastFailure = new LoadError("server", `the server answered ${response.status} for ${fileName(input)}`);
    return response;
  }
  if (wasmFromCache && fileName(input) === "pyodide.asm.wasm") {
    progress.loaded += wasmFromCache;
    reportProgress(false);
  } else {
    progress.counts.push(countDownload(input));
  }
  return response;
}
self.fetch = countedFetch; // Pyodide fetches the wasm, its package list and the standard library

function fileName(input) {
  const url = new URL(typeof input === "string" ? input : input.url, self.location.href);
  return url.pathname.split("/").pop();
}

// Whether this is a return visit (Pyodide's wasm in the browser's HTTP cache), so that the wasm is
// counted in one step (wasmFromCache). Told without cookies or browser storage (DESIGN section 5
// forbids both): ask the HTTP cache itself, with cache: "only-if-cached" (the Fetch standard allows
// that mode only with mode: "same-origin", and answers a network error, never a request, when
// nothing is cached; stale copies count, so a host's short caching does not hide a return visit).
// Nothing is stored and nothing leaves the browser.
async function isCached(url) {
  try {
    const response = await networkFetch(url, { cache: "only-if-cached", mode: "same-origin" });
    response.body?.cancel(); // only whether it is there matters, not its 10 MB
    return response.ok; // some browsers answer a miss with a 504
  } catch {
    return false; // a TypeError: not in the cache (or a browser without the mode): a first visit
  }
}

// Pyodide 314 reports a WebAssembly download or compile failure (blocked, old browser, CSP) only by
// console.warn("wasm instantiation failed!") and then never settles loadPyodide(): make it a failure.
function wasmFailure() {
  return new Promise((_, reject) => {
    const warn = console.warn;
    console.warn = (...args) => {
      warn(...args);
      if (String(args[0]).includes("wasm instantiation failed")) {
        // A download that failed first is the cause; otherwise this browser cannot run it.
        reject(progress.lastFailure || new LoadError("browser", "this browser could not start WebAssembly"));
      }
    };
  });
}

async function sha256Hex(bytes) {
  // crypto.subtle exists only in secure contexts: HTTPS, or a page on localhost.
  if (!self.crypto || !crypto.subtle) throw new LoadError("server", "the site is not served over HTTPS, so its files cannot be checked");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function checked(bytes, sha256, what) {
  if ((await sha256Hex(bytes)) !== sha256) {
    throw new LoadError("server", `the ${what} is not the one this site published (its SHA-256 differs)`);
  }
  return bytes;
}

async function fetchBytes(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new LoadError("server", `the server answered ${response.status} for the ${what}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Pyodide's own module. An import that fails says only that it failed: ask the server what it was.
async function importPyodide(url) {
  try {
    return await import(url);
  } catch (error) {
    let response;
    try {
      response = await networkFetch(url, { method: "HEAD" });
    } catch {
      throw new LoadError("network", "pyodide.mjs could not be downloaded: the connection failed");
    }
    if (!response.ok) throw new LoadError("server", `the server answered ${response.status} for pyodide.mjs`);
    throw new LoadError("browser", "this browser could not load the engine's JavaScript module");
  }
}

// Load the engine into a started Pyodide: check the standard library Python reads (the file the
// worker handed over at /lib/python3XY.zip), unpack the wheel, import the engine.
async function loadEngine(pyodide, wheel, files, times) {
  const zip = pyodide.FS.readdir("/lib").find((name) => /^python\d+\.zip$/.test(name));
  await checked(pyodide.FS.readFile(`/lib/${zip}`), files.stdlibSha256, "standard library");
  // unpackArchive needs a Uint8Array; "wheel" puts the package on sys.path (no micropip, no network).
  pyodide.unpackArchive(await wheel, "wheel");
  times.unpacked = performance.now();
  try {
    decideJson = pyodide.pyimport("policy_engine.api").decide_json;
  } catch (error) {
    console.error(error); // the Python traceback, for whoever maintains the site
    throw new LoadError("engine", "the decision engine's Python code could not start");
  }
  times.imported = performance.now();
}

async function start(files) {
  const times = { start: performance.now() };
  // Fetch the engine wheel while Pyodide boots, rather than after it; a changed wheel is final.
  const wheel = fetchBytes(files.wheelUrl, "engine file").then((b) => checked(b, files.wheelSha256, "engine file"));
  wheel.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  progress.total = Number(files.loadBytes);
  // Settled in a few ms, before any download starts.
  const returnVisit = await isCached(`${files.pyodideUrl}pyodide.asm.wasm`);
  if (returnVisit) wasmFromCache = Number(files.wasmBytes);
  const { loadPyodide } = await importPyodide(`${files.pyodideUrl}pyodide.mjs`);
  const pyodide = await loadPyodide({
    indexURL: files.pyodideUrl, stdLibURL: files.stdlibUrl, stdout: () => {}, stderr: () => {},
  });
  times.booted = performance.now();
  await loadEngine(pyodide, wheel, files, times);
  return { times, returnVisit };
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      const { times, returnVisit } = await Promise.race([start(data.files), wasmFailure()]);
      // For bench/tool.py and the tests: durations in ms (Pyodide boot, wheel wait + unpack, engine
      // import), and whether Pyodide's wasm came from the browser's cache.
      const phases = {
        pyodide: times.booted - times.start,
        unpack: times.unpacked - times.booted,
        import: times.imported - times.unpacked,
        returnVisit,
      };
      self.postMessage({ type: "ready", phases });
      await Promise.all(progress.counts); // their data has arrived: Pyodide has read it
      reportProgress(true);
    } catch (error) {
      const kind = error instanceof LoadError ? error.kind : "engine";
      if (!(error instanceof LoadError)) console.error(error);
      const message = error instanceof LoadError ? error.message : "the decision engine could not start";
      self.postMessage({ type: "error", kind, message });
    }
  } else if (data.type === "decide") {
    // The page sends requests only after "ready"; decide_json never raises on bad input.
    self.postMessage({ type: "decision", id: data.id, decision: decideJson(data.request) });
  }
};
