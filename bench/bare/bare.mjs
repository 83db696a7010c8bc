// Start a module worker that only runs loadPyodide(); mark the moment it is ready.
// bench/tool.py replaces VERSION with the pinned Pyodide version when it copies this file.
const pyodideUrl = new URL("../generated/pyodide/VERSION/", location).href;
const worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = () => {
  performance.mark("bare-ready");
  document.getElementById("state").textContent = "ready";
};
worker.postMessage({ pyodideUrl });
