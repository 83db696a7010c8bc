// The decision tool's page script: routing and presentation only. Every decision, including which
// questions matter, comes from policy_engine running in a Web Worker (decide-worker.mjs).
//
// Loaded on every page (extra_javascript) but does nothing unless the page holds #decide-tool, so plain
// pages fetch no Pyodide byte. Material's instant navigation swaps pages without reloading scripts:
// the worker is created once per visit and kept, so a return to the tool answers at once.
(function () {
  "use strict";

  // This file lives at <site root>/js/decide.js: the site root is one folder up.
  var SITE_ROOT = new URL("..", document.currentScript.src);
  var START_TIMEOUT_MS = 90000; // a last resort: show the error state rather than spin forever

  var engine = null; // the one worker of this visit: {worker, state, message, view, nextId}

  function startEngine(root) {
    engine = { worker: null, state: "loading", message: "", view: null, nextId: 1 };
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      setEngineState("error", "this browser cannot run WebAssembly in a worker");
      return;
    }
    try {
      engine.worker = new Worker(new URL("js/decide-worker.mjs", SITE_ROOT), { type: "module" });
    } catch (error) {
      setEngineState("error", String(error));
      return;
    }
    engine.worker.onmessage = function (event) {
      var data = event.data;
      if (data.type === "ready") {
        performance.mark("decide-engine-ready", { detail: data.phases }); // for bench/tool.py
        setEngineState("ready", "");
      }
      else if (data.type === "error") setEngineState("error", data.message);
      else if (data.type === "decision" && engine.view) engine.view.receive(data.id, data.decision);
    };
    engine.worker.onerror = function (event) {
      setEngineState("error", event.message || "the engine's script could not start");
    };
    performance.mark("decide-worker-start");
    var data = root.dataset;
    var url = function (path) { return new URL(path, SITE_ROOT).href; };
    engine.worker.postMessage({
      type: "init",
      // The files and their SHA-256 hashes fixed at build time (site_build writes the attributes).
      files: {
        pyodideUrl: url(data.pyodide),
        stdlibUrl: url(data.stdlib),
        stdlibSha256: data.stdlibSha256,
        wheelUrl: url(data.wheel),
        wheelSha256: data.wheelSha256,
        // Without a snapshot (none built), the worker starts Python the ordinary way.
        snapshotUrl: data.snapshot ? url(data.snapshot) : "",
        snapshotSha256: data.snapshotSha256,
        snapshotMemorySha256: data.snapshotMemorySha256,
        snapshotBytes: data.snapshotBytes,
      },
    });
    setTimeout(function () {
      if (engine.state === "loading") setEngineState("error", "it took too long to start");
    }, START_TIMEOUT_MS);
  }

  function setEngineState(state, message) {
    if (engine.state === "error") return; // an error is final for this visit
    engine.state = state;
    engine.message = message;
    if (state === "error" && engine.worker) engine.worker.terminate();
    if (engine.view) engine.view.engineChanged();
  }

  // One view per rendering of the tool page (instant navigation re-creates the DOM).
  function View(root) {
    this.root = root;
    this.form = root.querySelector("#decide-form");
    this.answer = root.querySelector("#decide-answer");
    this.live = root.querySelector("#decide-live");
    this.message = root.querySelector("#decide-message");
    this.outcomes = JSON.parse(root.dataset.outcomes);
    this.latest = 0; // id of the newest decide request; older answers are dropped
    this.lastState = null;
  }

  // --- the form's state <-> the URL query string (vocabulary ids; "unknown" = I'm not sure) ---

  View.prototype.groups = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("fieldset"));
  };

  View.prototype.nameOf = function (fieldset) {
    return fieldset.dataset.question || fieldset.dataset.fact;
  };

  View.prototype.readForm = function () {
    var params = new URLSearchParams();
    var self = this;
    this.groups().forEach(function (fs) {
      var checked = fs.querySelector("input:checked");
      if (checked) params.set(self.nameOf(fs), checked.value);
    });
    return params;
  };

  function twice(name) { return "“" + name + "” is given more than once"; }

  // Returns a list of problems; on any problem the form is left clean.
  View.prototype.applyParams = function (params) {
    var problems = [];
    var form = this.form;
    form.reset();
    params.forEach(function (value, name) {
      var group = form.querySelector('fieldset[data-question="' + CSS.escape(name) + '"],' +
        'fieldset[data-fact="' + CSS.escape(name) + '"]');
      if (!group) problems.push("“" + name + "” is not a question this tool asks");
      else if (!group.querySelector('input[value="' + CSS.escape(value) + '"]'))
        problems.push("“" + value + "” is not an answer to “" + group.querySelector("legend").textContent + "”");
      else if (params.getAll(name).length > 1 && problems.indexOf(twice(name)) < 0) problems.push(twice(name));
    });
    if (problems.length) return problems;
    params.forEach(function (value, name) {
      form.querySelector('input[name="' + CSS.escape(name) + '"][value="' + CSS.escape(value) + '"]').checked = true;
    });
    return [];
  };

  View.prototype.pushUrl = function (params, replace) {
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "");
    if (url === location.pathname + location.search) return;
    // Keep Material's own history state (it stores the scroll offset there).
    if (replace) history.replaceState(history.state, "", url);
    else history.pushState(history.state, "", url);
  };

  View.prototype.showMessage = function (text) {
    this.message.textContent = text;
    this.message.hidden = !text;
  };

  // --- lifecycle ---

  View.prototype.mount = function () {
    var self = this;
    this.loadFromUrl();
    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    this.form.addEventListener("change", function () {
      self.showMessage("");
      self.pushUrl(self.readForm(), false);
      self.update();
    });
    this.root.querySelector("#decide-start-over").addEventListener("click", function (e) {
      e.preventDefault();
      self.form.reset();
      self.showMessage("");
      self.pushUrl(new URLSearchParams(), false);
      self.update();
      self.live.textContent = "The form has been cleared.";
      self.form.querySelector("input").focus();
    });
    this.root.querySelector("#decide-print").addEventListener("click", function () {
      window.print();
    });
    this.onPopState = function () {
      if (!self.root.isConnected) return window.removeEventListener("popstate", self.onPopState);
      self.loadFromUrl();
    };
    window.addEventListener("popstate", this.onPopState);
    this.engineChanged();
  };

  View.prototype.loadFromUrl = function () {
    var problems = this.applyParams(new URLSearchParams(location.search));
    if (problems.length) {
      this.form.reset();
      this.showMessage("This link could not be used, so the form has been cleared: " +
        problems.join("; ") + ". Please answer the questions below.");
      this.pushUrl(new URLSearchParams(), true);
    } else {
      this.showMessage("");
    }
    this.update();
  };

  View.prototype.engineChanged = function () {
    var state = engine.state;
    this.root.dataset.engineState = state;
    var status = this.root.querySelector("#decide-status");
    var progress = this.root.querySelector("#decide-progress");
    var label = this.root.querySelector("#decide-progress-label");
    var error = this.root.querySelector("#decide-error");
    progress.hidden = label.hidden = state !== "loading";
    status.classList.toggle("decide-status--ready", state === "ready");
    if (state === "error") {
      error.hidden = false;
      error.textContent = "";
      error.append(
        "The decision tool cannot run in this browser (" + engine.message + "). " +
        "The answers are all in the ");
      var link = document.createElement("a");
      link.href = new URL("tables/", SITE_ROOT).href;
      link.textContent = "decision tables";
      error.append(link, ". Until you have checked there, release nothing.");
    } else if (state === "ready" && this.lastState === "loading") {
      this.live.textContent = "The decision tool is ready.";
    }
    this.lastState = state;
    this.update();
  };

  // Ask the engine for the current answers, or show what can be shown without it.
  View.prototype.update = function () {
    var params = this.readForm();
    var complete = params.has("requester") && params.has("record");
    var pending = this.root.querySelector("#decide-pending");
    pending.hidden = !(complete && engine.state === "loading");
    if (!complete || engine.state !== "ready") {
      this.latest = engine.nextId++; // drop any answer still on its way
      this.showFacts(null);
      this.clearAnswer();
      return;
    }
    var facts = {};
    params.forEach(function (value, name) {
      if (name === "requester" || name === "record") return;
      facts[name] = value === "unknown" ? null : value === "true" ? true : value === "false" ? false : value;
    });
    var request = { requester: params.get("requester"), record: params.get("record"), facts: facts };
    this.latest = engine.nextId++;
    engine.view = this;
    this.answer.setAttribute("aria-busy", "true"); // until this request's answer is shown
    engine.worker.postMessage({ type: "decide", id: this.latest, request: JSON.stringify(request) });
  };

  View.prototype.receive = function (id, text) {
    if (id !== this.latest || !this.root.isConnected) return;
    this.answer.setAttribute("aria-busy", "false");
    var decision = JSON.parse(text);
    if (decision.error) {
      // Only reachable with input the form cannot produce; never shows an answer.
      this.clearAnswer();
      this.showMessage("The tool could not use these answers: " + decision.error + ".");
      return;
    }
    this.showFacts(decision.relevant_facts || []);
    this.renderAnswer(decision);
  };

  // Show only the questions the engine says matter for these answers (null: none yet).
  View.prototype.showFacts = function (relevant) {
    this.form.querySelectorAll("fieldset[data-fact]").forEach(function (fs) {
      fs.hidden = !relevant || relevant.indexOf(fs.dataset.fact) < 0;
    });
  };

  View.prototype.clearAnswer = function () {
    this.answer.setAttribute("aria-busy", "false");
    this.answer.hidden = true;
    this.answer.dataset.outcome = "";
    this.answer.textContent = "";
    this.root.querySelector("#decide-print").hidden = true;
  };

  // --- presentation of one decision ---

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c !== null) node.append(c); });
    return node;
  }

  function citationBlock(c) {
    var where = c.document_title + (c.section ? ", " + c.section : "");
    return el("blockquote", { class: "decide-quote" }, [
      el("p", {}, ["“" + c.quote + "”"]),
      el("p", { class: "decide-source" }, [
        el("a", { href: new URL(c.url, SITE_ROOT).href, class: "decide-cite" }, [where]),
      ]),
    ]);
  }

  View.prototype.scenarioList = function () {
    var items = [];
    this.groups().forEach(function (fs) {
      var checked = fs.querySelector("input:checked");
      if (fs.hidden || !checked) return;
      var label = fs.querySelector('label[for="' + checked.id + '"]').textContent;
      items.push(el("li", {}, [fs.querySelector("legend").textContent + " ", el("strong", {}, [label])]));
    });
    return el("ul", {}, items);
  };

  View.prototype.renderAnswer = function (d) {
    var a = this.answer;
    a.textContent = "";
    a.dataset.outcome = d.outcome;
    a.append(
      el("h2", { id: "decide-answer-heading", class: "decide-outcome" }, [
        el("span", { class: "decide-outcome-label" }, [d.outcome_label]),
      ]),
      el("p", { class: "decide-summary" }, [d.summary]),
      el("h3", {}, ["What to do next"]),
      el("p", { class: "decide-next" }, [d.next_step])
    );
    // mkdocs.yml's extra.library_director, when the Library has supplied it (site_overrides/main.html).
    var director = document.querySelector('meta[name="library-director"]');
    if (d.outcome === "refer_to_director" && director && director.content) {
      a.append(el("p", { class: "decide-director" }, ["The Library Director is " + director.content + "."]));
    }
    if (d.would_change && d.would_change.length) {
      a.append(el("h3", {}, [d.outcome === "undetermined" ? "What each answer would lead to" : "What would change the answer"]),
        el("ul", { class: "decide-would-change" }, d.would_change.map(function (w) {
          return el("li", {}, [w.text]);
        })));
    }
    a.append(el("h3", {}, ["Why"]), el("ul", { class: "decide-why" }, (d.explanation || []).map(function (e) {
      return el("li", { "data-rule": e.rule }, [el("p", {}, [e.says])].concat((e.citations || []).map(citationBlock)));
    })));
    if (d.notes && d.notes.length) {
      a.append(el("h3", {}, ["Notes"]), el("ul", { class: "decide-notes" }, d.notes.map(function (n) {
        return el("li", { "data-note": n.id }, [el("p", {}, [el("strong", {}, [n.title + ". "]), n.text])]
          .concat((n.citations || []).map(citationBlock)));
      })));
    }
    // Shown only on paper: the request as answered (no names: the form asks for none) and the date.
    a.append(el("div", { class: "decide-print-only" }, [
      el("h3", {}, ["The request"]), this.scenarioList(),
      el("p", {}, ["Printed " + new Date().toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" }) +
        " from the Independence Public Library Confidentiality Policy site. Not legal advice."]),
    ]));
    a.hidden = false;
    this.root.querySelector("#decide-print").hidden = false;
    this.live.textContent = "Answer: " + d.outcome_label + " " + d.summary;
  };

  function mount() {
    var root = document.getElementById("decide-tool");
    if (!root) return;
    if (!engine) startEngine(root);
    var view = new View(root);
    engine.view = view;
    view.mount();
    if (!performance.getEntriesByName("decide-form-usable").length) performance.mark("decide-form-usable");
  }

  // This script is loaded `async` at the end of the body: it may run before Material's bundle, but
  // the tool's HTML is already parsed. Start the engine at once: Pyodide's boot is the long pole.
  var first = document.getElementById("decide-tool");
  if (first) startEngine(first);

  // Material emits document$ for the first page and after every instant navigation. Its bundle is
  // a plain script, so it has run by DOMContentLoaded; without it (another theme), mount once.
  function subscribe() {
    if (typeof document$ !== "undefined") document$.subscribe(mount);
    else mount();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
  else subscribe();
})();
