// The decision tool's engine handle: starts the one Web Worker of this visit (decide-worker.mjs)
// and keeps its state; decide.js shows it. Idempotent, so it can run more than once:
// - from a <script> in the tool's own HTML, right after the form, so the worker starts while the page
//   is still being parsed, before Material's scripts (Pyodide's boot is the long pole);
// - from extra_javascript on every page (only defines the handle; no worker unless #decide-tool is
//   on the page, so plain pages load no Pyodide byte); and again when Material's instant navigation
//   re-creates the tool page's scripts.
(function () {
  "use strict";

  var START_TIMEOUT_MS = 90000; // a last resort: show the error state rather than spin forever
  // This file lives at <site root>/js/decide-engine.js: the site root is one folder up.
  var siteRoot = new URL("..", document.currentScript.src);

  if (!window.decideEngine) {
    var engine = (window.decideEngine = {
      siteRoot: siteRoot,
      worker: null,
      state: "new", // new, loading, ready, error
      message: "",
      view: null, // the tool page currently shown (set by decide.js)
      nextId: 1,
    });

    engine.setState = function (state, message) {
      if (engine.state === "error") return; // an error is final for this visit
      engine.state = state;
      engine.message = message;
      if (state === "error" && engine.worker) engine.worker.terminate();
      if (engine.view) engine.view.engineChanged();
    };

    // Start the worker for the tool page `root` (its data-* attributes name the files); once only.
    engine.start = function (root) {
      if (engine.state !== "new") return;
      engine.state = "loading";
      if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
        engine.setState("error", "this browser cannot run WebAssembly in a worker");
        return;
      }
      try {
        engine.worker = new Worker(new URL("js/decide-worker.mjs", siteRoot), { type: "module" });
      } catch (error) {
        engine.setState("error", String(error));
        return;
      }
      engine.worker.onmessage = function (event) {
        var data = event.data;
        if (data.type === "ready") {
          performance.mark("decide-engine-ready", { detail: data.phases }); // for bench/tool.py
          engine.setState("ready", "");
        } else if (data.type === "error") {
          engine.setState("error", data.message);
        } else if (data.type === "decision" && engine.view) {
          engine.view.receive(data.id, data.decision);
        }
      };
      engine.worker.onerror = function (event) {
        engine.setState("error", event.message || "the engine's script could not start");
      };
      performance.mark("decide-worker-start");
      engine.worker.postMessage({
        type: "init",
        pyodideUrl: new URL(root.dataset.pyodide, siteRoot).href,
        wheelUrl: new URL(root.dataset.wheel, siteRoot).href,
      });
      setTimeout(function () {
        if (engine.state === "loading") engine.setState("error", "it took too long to start");
      }, START_TIMEOUT_MS);
    };
  }

  var root = document.getElementById("decide-tool");
  if (root) window.decideEngine.start(root);
})();
