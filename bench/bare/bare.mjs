// Start a module worker that only runs loadPyodide(); mark the moment it is ready.
// bench/tool.py replaces VERSION with the pinned Pyodide version when it copies this file, and puts
// Pyodide's full standard library zip beside it (the site ships a trimmed one).
const pyodideUrl = new URL("../generated/pyodide/VERSION/", location).href;
const stdLibURL = new URL("python_stdlib.zip", location).href;
const worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
performance.mark("bare-worker-start");
worker.onmessage = ({ data }) => {
  performance.mark("bare-ready", { detail: data });
  document.getElementById("state").textContent = "ready";
};
worker.postMessage({ pyodideUrl, stdLibURL });
