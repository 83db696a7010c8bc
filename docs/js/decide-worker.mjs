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
// through countedFetch. `total` starts as the page's figure (the files fetched before the engine is
// ready, data-load-bytes) and grows by the snapshot's size while the snapshot is being read (a return
// visit only, see fetchesSnapshot below). `counts`: the reads that count (countDownload), settled
// before "ready" so that the bar ends exact.
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

// The snapshot (3.6 MB with gzip) and the rest of the engine (about 4.3 MB) together are more than
// the 6 MB a patron on a phone should pay for a page (issue 11), so a first visit never fetches it.
// A return visit, whose Pyodide files are in the browser's HTTP cache already, fetches it once, and
// every later visit restores from the cached copy.
//
// Which visit this is, without cookies or browser storage (DESIGN section 5 forbids both): ask the
// HTTP cache itself whether it holds Pyodide's wasm, with cache: "only-if-cached" (the Fetch standard
// allows that mode only with mode: "same-origin", and answers a network error, never a request, when
// nothing is cached; stale copies count, so a host's short caching does not hide a return visit).
// Nothing is stored and nothing leaves the browser.
async function fromCache(url) {
  try {
    const response = await networkFetch(url, { cache: "only-if-cached", mode: "same-origin" });
    if (response.ok) return response;
    response.body?.cancel(); // some browsers answer a miss with a 504
  } catch {
    // a TypeError: not in the cache (or a browser without the mode): a first visit
  }
  return null;
}

async function isCached(url) {
  const response = await fromCache(url);
  response?.body?.cancel(); // only whether it is there matters, not its 10 MB
  return response !== null;
}

// Even on a return visit the snapshot is worth waiting for only if it arrives sooner than Python's
// own start-up would have finished: restoring it saves about 1 s warm and 1.8 s cold on a 2-core
// machine (bench/tool.py). So the worker measures the rate over the first PROBE_MS after the first
// bytes (the wait for those is not slowness of the link), and stops waiting if at that rate the
// whole file needs more than SNAPSHOT_BUDGET_MS from the request, or if it has not decided by then.
// It stops waiting, not downloading: Python then starts the ordinary way (everything else it needs
// is in the HTTP cache on a return visit, so nothing competes for the link) while the rest of the
// snapshot arrives into the HTTP cache, and the next visit restores from that copy. Aborting
// instead made every visit on a slow link pay for the trial and start the ordinary way, slower than
// a bare Pyodide start. Once a rate has passed, it does not re-judge: a machine busy with other
// work slows the worker's reading, not the link. A copy already in the HTTP cache is not judged.
const SNAPSHOT_BUDGET_MS = 1500;
const PROBE_MS = 200;

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

function concat(chunks, length) {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

// The snapshot of Python just after start-up (site_build/snapshot.py), gzip-compressed, `size` bytes.
// Read as it arrives; if waiting for it would not pay, the promise rejects at once and the download
// goes on unread into the HTTP cache (see SNAPSHOT_BUDGET_MS). A host that sends it with
// Content-Encoding: gzip has already undone the gzip: then it no longer starts 1f 8b. Checked
// against its build-time hash before Python is restored from it: the file's when it comes as
// published (3.6 MB to hash, not 31; gzip's own CRC then covers what it unpacks to), the memory's
// when the host has undone the gzip.
function fetchSnapshot(files) {
  let stopWaiting;
  const notWaitedFor = new Promise((_, reject) => { stopWaiting = reject; });
  return Promise.race([readSnapshot(files, stopWaiting), notWaitedFor]);
}

async function readSnapshot({ snapshotUrl, snapshotBytes, snapshotSha256, snapshotMemorySha256, pyodideUrl }, stopWaiting) {
  const size = Number(snapshotBytes);
  const t0 = performance.now();
  const chunks = [];
  let received = 0;
  let waiting = true;
  const late = (eta) => {
    if (!waiting) return;
    waiting = false;
    progress.total -= size - received; // the rest no longer counts: the visitor does not wait for it
    stopWaiting(new Error(`at this speed it would take about ${(eta / 1000).toFixed(1)} s to download`));
  };
  const cached = await fromCache(snapshotUrl);
  const timer = cached ? null : setTimeout(() => late(SNAPSHOT_BUDGET_MS), SNAPSHOT_BUDGET_MS);
  try {
    // Not countedFetch: a snapshot not waited for is no failure, and its bytes count only while
    // the visitor waits for them.
    const response = cached || (await networkFetch(snapshotUrl));
    if (!response.ok) throw new Error(`the Python snapshot answered ${response.status}`);
    const reader = response.body.getReader();
    let first = null; // [time, bytes] at the first chunk: the rate is measured from there
    let decided = Boolean(cached);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!waiting) continue; // read to the end for the HTTP cache to keep, not kept here
      chunks.push(value);
      received += value.length;
      progress.loaded += value.length;
      reportProgress(false);
      const now = performance.now();
      first ??= [now, received];
      if (!decided && now - first[0] > PROBE_MS) {
        const eta = now - t0 + Math.max(0, size - received) / ((received - first[1]) / (now - first[0]));
        if (eta > SNAPSHOT_BUDGET_MS) late(eta);
        decided = true;
        clearTimeout(timer);
      }
    }
  } finally {
    clearTimeout(timer);
    if (waiting) progress.total -= size - received; // a failed download no longer counts
  }
  if (!waiting) return null; // fetchSnapshot has rejected already
  const bytes = concat(chunks, received);
  let stored;
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    stored = await checked(bytes, snapshotMemorySha256, "Python snapshot");
  } else {
    await checked(bytes, snapshotSha256, "Python snapshot");
    const plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    try {
      stored = new Uint8Array(await new Response(plain).arrayBuffer());
    } catch {
      throw new Error("the Python snapshot could not be decompressed"); // rather than "Failed to fetch"
    }
  }
  // Stored as its difference from the memory the wasm starts with (snapshot-delta.mjs): undone
  // with the wasm's own bytes, which a return visit has in the HTTP cache (no download).
  const wasm = await fromCache(`${pyodideUrl}pyodide.asm.wasm`);
  if (!wasm) throw new Error("Pyodide's wasm is no longer in the browser's cache");
  const { xorWithStartingMemory } = await import("./snapshot-delta.mjs");
  return xorWithStartingMemory(stored, new Uint8Array(await wasm.arrayBuffer()));
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
  let snapshotNote = "";
  // Whether to restore is settled before Pyodide starts: an abandoned loadPyodide() would leave its
  // own download of the wasm running, competing with the ordinary start's on a slow link.
  progress.total = Number(files.loadBytes);
  // A return visit only (see fromCache): Pyodide's wasm already in the HTTP cache. The probe is
  // settled in a few ms, before any download starts.
  const returnVisit = await isCached(`${files.pyodideUrl}pyodide.asm.wasm`);
  if (returnVisit) wasmFromCache = Number(files.wasmBytes);
  const fetchesSnapshot = files.snapshotUrl && typeof DecompressionStream === "function" && returnVisit;
  if (fetchesSnapshot) progress.total += Number(files.snapshotBytes);
  const snapshot =
    fetchesSnapshot
      ? fetchSnapshot(files).catch((error) => {
          snapshotNote = String(error && error.message ? error.message : error);
          return null;
        })
      : Promise.resolve(null);
  if (!fetchesSnapshot && files.snapshotUrl) snapshotNote = "a first visit does not fetch it";
  const { loadPyodide } = await importPyodide(`${files.pyodideUrl}pyodide.mjs`);
  const options = { indexURL: files.pyodideUrl, stdLibURL: files.stdlibUrl, stdout: () => {}, stderr: () => {} };
  const memory = await snapshot;
  if (memory) {
    try {
      // _loadSnapshot is Pyodide's own option (underscored, undocumented); see make_snapshot.mjs.
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: memory });
      times.booted = performance.now();
      await loadEngine(pyodide, wheel, files, times); // a restore gone wrong may show only here
      return { times, snapshot: true, snapshotNote };
    } catch (error) {
      await wheel; // a wheel that failed its check is the error to report, not a reason to retry
      snapshotNote = `restoring it failed: ${error && error.message ? error.message : error}`;
    }
  }
  if (snapshotNote) console.info(`Starting Python without its snapshot: ${snapshotNote}`);
  const pyodide = await loadPyodide(options);
  times.booted = performance.now();
  await loadEngine(pyodide, wheel, files, times);
  return { times, snapshot: false, snapshotNote };
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      const { times, snapshot, snapshotNote } = await Promise.race([start(data.files), wasmFailure()]);
      // For bench/tool.py and the tests: durations in ms (Pyodide boot, wheel wait + unpack, engine
      // import), whether Python came from the snapshot, and if not, why not.
      const phases = {
        pyodide: times.booted - times.start,
        unpack: times.unpacked - times.booted,
        import: times.imported - times.unpacked,
        snapshot,
        snapshotNote,
      };
      await Promise.all(progress.counts); // their data has arrived: Pyodide has read it
      reportProgress(true);
      self.postMessage({ type: "ready", phases });
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
