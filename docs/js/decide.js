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
  // A first start takes 1-3 s on a fast link; after this long, say so honestly and offer choices.
  var SLOW_MS = 10000;
  // No byte for this long while downloading: the download has stopped, not slowed.
  var STALL_MS = 20000;
  // An answer usually comes back in tens of ms; if it has not after this, the old one is withdrawn
  // from view (it never stays beside changed questions). Shorter would make every answer flicker.
  var WITHDRAW_MS = 150;
  // Screen readers hear the answer once the questions have settled, not at every arrow key.
  var ANNOUNCE_MS = 600;
  // Text from a link is never echoed at length.
  var MAX_ECHO = 40;
  var MAX_PROBLEMS = 3;

  var engine = null; // the worker of this visit: see startEngine

  function startEngine(root) {
    var now = performance.now();
    var view = engine && engine.view;
    engine = {
      worker: null, state: "loading", kind: "", message: "", view: view, nextId: 1,
      loaded: 0, total: Number(root.dataset.loadBytes) || 0,
      slowFrom: now, lastProgress: now, slow: "", watchdog: null,
    };
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      setEngineState("error", "browser", "it cannot run WebAssembly in a background worker");
      return;
    }
    try {
      engine.worker = new Worker(new URL("js/decide-worker.mjs", SITE_ROOT), { type: "module" });
    } catch (error) {
      setEngineState("error", "browser", "it cannot start the engine's background worker");
      return;
    }
    var mine = engine;
    engine.worker.onmessage = function (event) {
      if (engine !== mine) return; // a worker replaced by "Try again"
      var data = event.data;
      if (data.type === "progress") {
        if (data.loaded > engine.loaded) engine.lastProgress = performance.now();
        engine.loaded = data.loaded;
        engine.total = data.total;
        if (engine.view) engine.view.engineChanged();
      } else if (data.type === "ready") {
        performance.mark("decide-engine-ready", { detail: data.phases }); // for bench/tool.py
        setEngineState("ready", "", "");
      }
      else if (data.type === "error") setEngineState("error", data.kind, data.message);
      else if (data.type === "decision" && engine.view) engine.view.receive(data.id, data.decision);
    };
    engine.worker.onerror = function () {
      if (engine === mine) setEngineState("error", "server", "the engine's script could not be loaded");
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
        loadBytes: data.loadBytes,
        wasmBytes: data.wasmBytes,
      },
    });
    engine.watchdog = setInterval(function () {
      if (engine !== mine || engine.state !== "loading") return clearInterval(mine.watchdog);
      var t = performance.now();
      var slow = t - engine.lastProgress > STALL_MS ? "stalled" : t - engine.slowFrom > SLOW_MS ? "slow" : "";
      if (slow !== engine.slow) {
        engine.slow = slow;
        if (engine.view) engine.view.engineChanged();
      }
    }, 1000);
  }

  function setEngineState(state, kind, message) {
    engine.state = state;
    engine.kind = kind;
    engine.message = message;
    engine.slow = "";
    if (state === "error" && engine.worker) engine.worker.terminate();
    if (engine.view) engine.view.engineChanged();
  }

  function megabytes(bytes) { return (bytes / 1e6).toFixed(1); }

  // One view per rendering of the tool page (instant navigation re-creates the DOM).
  function View(root) {
    this.root = root;
    this.form = root.querySelector("#decide-form");
    this.answer = root.querySelector("#decide-answer");
    this.live = root.querySelector("#decide-live");
    this.message = root.querySelector("#decide-message");
    this.fromLink = root.querySelector("#decide-from-link");
    this.prompt = root.querySelector("#decide-prompt");
    this.verdict = root.querySelector("#decide-verdict");
    this.badge = this.verdict.querySelector("[data-outcome-badge]");
    this.outcomes = JSON.parse(root.dataset.outcomes);
    this.latest = 0; // id of the newest decide request; older answers are dropped
    this.lastState = null;
    this.lastName = null; // the question changed last: changes within it replace the URL state
    this.announced = "";
    this.whyOpen = false; // "Why" stays open across answers once opened
    this.timers = {};
  }

  View.prototype.later = function (name, ms, fn) {
    clearTimeout(this.timers[name]);
    this.timers[name] = ms === null ? null : setTimeout(fn, ms);
  };

  // --- the form's state <-> the URL query string (vocabulary ids; "unknown" = I'm not sure) ---

  View.prototype.groups = function () {
    return Array.prototype.slice.call(this.form.querySelectorAll("fieldset"));
  };

  View.prototype.nameOf = function (fieldset) {
    return fieldset.dataset.question || fieldset.dataset.fact;
  };

  // The answers given, without those that are the engine's own default (shown chosen, but left
  // out of the URL and the request: the engine reads them the same either way).
  View.prototype.readForm = function () {
    var params = new URLSearchParams();
    var self = this;
    this.groups().forEach(function (fs) {
      var checked = fs.querySelector("input:checked");
      if (checked && checked.value !== fs.dataset.default) params.set(self.nameOf(fs), checked.value);
    });
    return params;
  };

  function echo(text) {
    return "“" + (text.length > MAX_ECHO ? text.slice(0, MAX_ECHO) + "…" : text) + "”";
  }

  // Returns a list of problems (at most MAX_PROBLEMS named); on any problem the form is left clean.
  View.prototype.applyParams = function (params) {
    var problems = [];
    var count = 0;
    var seen = {};
    var form = this.form;
    form.reset();
    params.forEach(function (value, name) {
      var group = form.querySelector('fieldset[data-question="' + CSS.escape(name) + '"],' +
        'fieldset[data-fact="' + CSS.escape(name) + '"]');
      var problem = null;
      if (!group) problem = echo(name) + " is not a question this tool asks";
      else if (!group.querySelector('input[value="' + CSS.escape(value) + '"]'))
        problem = echo(value) + " is not an answer to “" + group.querySelector("legend").textContent + "”";
      else if (seen[name]) problem = echo(name) + " is given more than once";
      seen[name] = true;
      if (problem && problems.indexOf(problem) < 0) {
        count++;
        if (problems.length < MAX_PROBLEMS) problems.push(problem);
      }
    });
    if (count > problems.length) problems.push("and " + (count - problems.length) + " more");
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
    this.loadFromUrl(true);
    this.form.addEventListener("submit", function (e) { e.preventDefault(); });
    this.form.addEventListener("change", function (e) {
      // The first change in a question is a new step back can return to; more changes in the
      // same question (arrow keys walk through its answers) replace it.
      var name = e.target.name;
      self.showMessage("");
      self.fromLink.hidden = true;
      self.pushUrl(self.readForm(), name === self.lastName);
      self.lastName = name;
      self.update();
    });
    this.root.querySelector("#decide-start-over").addEventListener("click", function (e) {
      e.preventDefault();
      self.form.reset();
      self.showMessage("");
      self.fromLink.hidden = true;
      self.lastName = null;
      self.pushUrl(new URLSearchParams(), false);
      self.update();
      self.say("The form has been cleared.");
      self.form.querySelector("input").focus();
    });
    this.root.querySelector("#decide-print").addEventListener("click", function () {
      window.print();
    });
    this.verdict.querySelector(".decide-see-why").addEventListener("click", function (e) {
      e.preventDefault(); // no history entry: move to the answer, as a link would
      self.answer.scrollIntoView({ block: "start" });
      var heading = self.answer.querySelector("h2");
      if (heading) heading.focus({ preventScroll: true });
    });
    this.root.querySelector("#decide-keep-waiting").addEventListener("click", function () {
      engine.slowFrom = engine.lastProgress = performance.now();
      engine.slow = "";
      self.engineChanged();
    });
    this.root.querySelector("#decide-try-again").addEventListener("click", function () {
      if (engine.worker) engine.worker.terminate();
      clearInterval(engine.watchdog);
      startEngine(self.root);
      self.engineChanged();
      self.say("Starting the decision engine again.");
    });
    this.onPopState = function () {
      if (!self.root.isConnected) return window.removeEventListener("popstate", self.onPopState);
      self.lastName = null;
      self.loadFromUrl(false);
    };
    window.addEventListener("popstate", this.onPopState);
    this.engineChanged();
  };

  // `fromLink`: the page was opened with these answers (a link), not reached by Back or Forward.
  View.prototype.loadFromUrl = function (fromLink) {
    var params = new URLSearchParams(location.search);
    var problems = this.applyParams(params);
    this.fromLink.hidden = true;
    if (problems.length) {
      this.form.reset();
      this.showMessage("This link could not be used, so the form has been cleared: " +
        problems.join("; ") + ". Please answer the questions below.");
      this.pushUrl(new URLSearchParams(), true);
    } else {
      this.showMessage("");
      this.fromLink.hidden = !(fromLink && params.toString());
    }
    this.update();
  };

  View.prototype.say = function (text) {
    this.later("announce", null);
    this.announced = text;
    this.live.textContent = text;
  };

  View.prototype.engineChanged = function () {
    var state = engine.state;
    this.root.dataset.engineState = state;
    var $ = this.root.querySelector.bind(this.root);
    var status = $("#decide-status");
    var label = $("#decide-progress-label");
    var progress = $("#decide-progress");
    var slow = $("#decide-slow");
    var error = $("#decide-error");
    status.hidden = state === "ready";
    label.hidden = progress.hidden = state !== "loading";
    if (engine.total) {
      progress.max = engine.total;
      progress.value = Math.min(engine.loaded, engine.total);
    }
    var sofar = megabytes(engine.loaded) + " of " + megabytes(engine.total) + " MB";
    label.textContent = "Starting the decision engine in your browser: " + sofar +
      ". You can answer the questions meanwhile.";
    slow.hidden = !engine.slow || state !== "loading";
    if (engine.slow === "slow") {
      slow.textContent = "This is taking longer than usual on your connection (" + sofar + " so far). " +
        "You can keep waiting, or try again.";
    } else if (engine.slow === "stalled") {
      slow.textContent = "The download has stopped: nothing has arrived for " + STALL_MS / 1000 +
        " seconds (" + sofar + " so far).";
    }
    error.hidden = state !== "error";
    if (state === "error") this.showError(error);
    $("#decide-retry").hidden = !(state === "error" || (state === "loading" && engine.slow));
    $("#decide-keep-waiting").hidden = state === "error";
    if (state === "ready" && this.lastState !== "ready") this.say("The decision tool is ready.");
    var changed = state !== this.lastState;
    this.lastState = state;
    if (changed) this.update();
  };

  var FAILURES = {
    network: ["The decision engine could not be downloaded (", "). Check the connection, then try again."],
    server: ["A file the decision engine needs is missing or damaged on this site (", "). Try again later, or tell the Library."],
    browser: ["This browser cannot run the decision engine (", "). A recent version of Chrome, Edge, Firefox or Safari can."],
    engine: ["The decision engine could not start (", "). Try again, or tell the Library if it happens again."],
  };

  // The link for the request being answered: that requester's decision table when one is chosen.
  View.prototype.tablesLink = function () {
    var requester = this.form.querySelector('input[name="requester"]:checked');
    var slug = requester ? requester.value.replace(/_/g, "-") + "/" : "";
    var link = document.createElement("a");
    link.href = new URL("tables/" + slug, SITE_ROOT).href;
    link.textContent = requester ? "decision table for this person" : "decision tables";
    return link;
  };

  View.prototype.showError = function (error) {
    var words = FAILURES[engine.kind] || FAILURES.engine;
    error.textContent = "";
    error.append(words[0] + engine.message + words[1] + " Meanwhile, the ", this.tablesLink(),
      " gives the same answers. Until you have checked there, release nothing.");
  };

  // Ask the engine for the current answers, or show what can be shown without it.
  View.prototype.update = function () {
    var params = this.readForm();
    var complete = params.has("requester") && params.has("record");
    this.root.querySelector("#decide-pending").hidden = !(complete && engine.state === "loading");
    this.latest = engine.nextId++; // any answer still on its way is now out of date
    this.withdraw();
    if (!complete || engine.state !== "ready") {
      this.showFacts(null);
      this.clearAnswer(complete ? "The answer appears here when the engine is ready." :
        "Choose who is asking and what they want to know: the answer appears here.");
      return;
    }
    var facts = {};
    params.forEach(function (value, name) {
      if (name === "requester" || name === "record") return;
      facts[name] = value === "unknown" ? null : value === "true" ? true : value === "false" ? false : value;
    });
    var request = { requester: params.get("requester"), record: params.get("record"), facts: facts };
    engine.view = this;
    engine.worker.postMessage({ type: "decide", id: this.latest, request: JSON.stringify(request) });
  };

  // The answer on screen no longer matches the questions: its outcome is gone at once for anything
  // that reads it (data-outcome), and from view if the new one is not back within WITHDRAW_MS.
  View.prototype.withdraw = function () {
    var self = this;
    this.answer.setAttribute("aria-busy", "true");
    this.answer.dataset.outcome = "";
    this.badge.dataset.outcomeBadge = "";
    this.later("withdraw", WITHDRAW_MS, function () {
      if (self.answer.getAttribute("aria-busy") !== "true") return;
      self.root.classList.add("decide-tool--pending");
      if (!self.verdict.hidden) self.showPrompt("Working out the answer…");
    });
  };

  View.prototype.showPrompt = function (text) {
    this.verdict.hidden = true;
    this.prompt.hidden = false;
    this.prompt.textContent = text;
  };

  View.prototype.receive = function (id, text) {
    if (id !== this.latest || !this.root.isConnected) return;
    var decision = JSON.parse(text);
    if (decision.error) {
      // Only reachable with input the form cannot produce; never shows an answer.
      this.clearAnswer("No answer: the tool could not use these answers.");
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

  View.prototype.settle = function () {
    this.later("withdraw", null);
    this.answer.setAttribute("aria-busy", "false");
    this.root.classList.remove("decide-tool--pending");
  };

  View.prototype.clearAnswer = function (prompt) {
    this.settle();
    this.answer.hidden = true;
    this.answer.dataset.outcome = "";
    this.answer.textContent = "";
    this.badge.dataset.outcomeBadge = "";
    this.showPrompt(prompt);
    this.root.querySelector("#decide-print").hidden = true;
    this.later("announce", null);
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

  // Every question on screen and its answer, for the printed decision: the defaults too, marked.
  View.prototype.requestList = function () {
    var items = [];
    this.groups().forEach(function (fs) {
      var checked = fs.querySelector("input:checked");
      if (fs.hidden || !checked) return;
      var label = fs.querySelector('label[for="' + checked.id + '"]').textContent;
      var byDefault = checked.value === fs.dataset.default ? " (taken by default)" : "";
      items.push(el("li", {}, [fs.querySelector("legend").textContent + " ", el("strong", {}, [label]), byDefault]));
    });
    return el("ul", { class: "decide-request" }, items);
  };

  View.prototype.renderAnswer = function (d) {
    var a = this.answer;
    var panel = this.root.querySelector(".decide-panel");
    if (a.dataset.shown !== d.outcome) panel.scrollTop = 0; // a new outcome is read from its top
    a.dataset.shown = d.outcome;
    this.settle();
    a.textContent = "";
    a.dataset.outcome = d.outcome;
    this.badge.className = "outcome-badge outcome-badge--" + d.outcome;
    this.badge.textContent = d.outcome_badge;
    this.badge.dataset.outcomeBadge = d.outcome;
    this.verdict.hidden = false;
    this.prompt.hidden = true;
    a.append(
      el("h2", { id: "decide-answer-heading", class: "decide-outcome", tabindex: "-1" }, [
        el("span", { class: "outcome-badge outcome-badge--" + d.outcome + " decide-print-badge" }, [d.outcome_badge]),
        " ",
        el("span", { class: "decide-outcome-label" }, [d.outcome_label]),
      ]),
      el("p", { class: "decide-next" }, [d.next_step])
    );
    // mkdocs.yml's extra.library_director, when the Library has supplied it (site_overrides/main.html).
    var director = document.querySelector('meta[name="library-director"]');
    if (d.outcome === "refer_to_director" && director && director.content) {
      a.append(el("p", { class: "decide-director" }, ["The Library Director is " + director.content + "."]));
    }
    // What would change it: for an answer not yet known, every answer's effect; otherwise only the
    // answers that would give a different, definite answer ("would still depend" is no news).
    var changes = (d.would_change || []).filter(function (w) {
      return d.outcome === "undetermined" || w.outcome !== "undetermined";
    });
    if (changes.length) {
      a.append(el("h3", { class: "decide-changes-title" }, [d.outcome === "undetermined" ? "Find out first" : "What would change the answer"]),
        el("ul", { class: "decide-would-change" }, changes.map(function (w) {
          return el("li", {}, [w.text]);
        })));
    }
    // "Why" opens in place (a disclosure button; a <details> would print as one unbreakable block).
    var whyBody = el("div", { class: "decide-why-body", id: "decide-why-body" }, [
      el("p", { class: "decide-summary" }, [d.summary]),
      el("ul", { class: "decide-reasons" }, (d.explanation || []).map(function (e, i, all) {
        // Rules that say the same (the four legal papers, when which one is not known) say it once.
        var said = all.slice(0, i).some(function (earlier) { return earlier.says === e.says; });
        var item = el("li", { "data-rule": e.rule }, [e.says]);
        item.hidden = said;
        return item;
      })),
      // Each passage once, though several reasons may rest on it.
      el("h3", { class: "decide-words-title" }, ["The words it rests on"]),
    ].concat((d.citations || []).map(citationBlock)));
    if (d.notes && d.notes.length) {
      whyBody.append(el("h3", { class: "decide-notes-title" }, ["Notes for the Board"]),
        el("ul", { class: "decide-notes" }, d.notes.map(function (n) {
          return el("li", { "data-note": n.id }, [el("p", {}, [el("strong", {}, [n.title + ". "]), n.text])]
            .concat((n.citations || []).map(citationBlock)));
        })));
    }
    whyBody.hidden = !this.whyOpen;
    var toggle = el("button", { type: "button", class: "decide-why-toggle", "aria-controls": "decide-why-body",
      "aria-expanded": String(Boolean(this.whyOpen)) }, ["Why, and the words it rests on"]);
    var self = this;
    toggle.addEventListener("click", function () {
      self.whyOpen = whyBody.hidden;
      whyBody.hidden = !self.whyOpen;
      toggle.setAttribute("aria-expanded", String(self.whyOpen));
    });
    var why = el("div", { class: "decide-why" }, [toggle, whyBody]);
    a.append(why);
    // Shown only on paper: the request as answered first (no names: the form asks for none), and
    // at the end the date and the address of this very decision.
    var printed = new Date().toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
    a.prepend(el("div", { class: "decide-print-only" }, [el("h3", {}, ["The request"]), this.requestList()]));
    a.append(el("p", { class: "decide-print-only decide-printed" }, ["Printed " + printed + " from " +
      location.href + " (Independence Public Library Confidentiality Policy site). Not legal advice."]));
    a.hidden = false;
    this.root.querySelector("#decide-print").hidden = false;
    var text = "Answer: " + d.outcome_badge + ". " + d.next_step;
    this.later("announce", ANNOUNCE_MS, function () {
      if (text !== self.announced) self.say(text);
    });
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
