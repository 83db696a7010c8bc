/* Practice with desk stories (docs/practice.md): one case at a time, with a score.
 *
 * Without JavaScript the page lists every case, grouped by topic, each answer folded in a
 * <details>. With it, a trainee starts a 20-case session (picked at random across the topics) or
 * one topic, sees one case at a time, chooses one of the five answers, and then sees the tool's
 * answer, with what to do next and the words behind it, and the score so far.
 *
 * Private: the score lives in this script's variables and is gone when the page is left. Nothing
 * is written to cookies, localStorage, sessionStorage or anywhere else, and nothing is sent.
 *
 * The page loads this file itself (a <script src>, never inline: the CSP allows only this site's
 * files). Material's instant navigation re-runs it on each visit to the page, so it hooks in only
 * once, through document$, and sets up each new page it finds.
 */
(function () {
  "use strict";

  if (window.iplPracticeHooked) return;
  window.iplPracticeHooked = true;

  function shuffle(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  // `size` cases across the topics: an equal share each, then the rest to the larger topics.
  function pickAcrossTopics(cases, size) {
    var byTopic = {}, topics = [];
    cases.forEach(function (c) {
      var t = c.getAttribute("data-topic");
      if (!byTopic[t]) { byTopic[t] = []; topics.push(t); }
      byTopic[t].push(c);
    });
    var quota = {}, given = 0, share = Math.floor(size / topics.length);
    topics.forEach(function (t) { quota[t] = Math.min(share, byTopic[t].length); given += quota[t]; });
    while (given < Math.min(size, cases.length)) {
      var best = null;
      topics.forEach(function (t) {
        if (quota[t] < byTopic[t].length &&
            (best === null || byTopic[t].length / (quota[t] + 1) > byTopic[best].length / (quota[best] + 1))) best = t;
      });
      quota[best] += 1; given += 1;
    }
    var picked = [];
    topics.forEach(function (t) { picked = picked.concat(shuffle(byTopic[t]).slice(0, quota[t])); });
    return shuffle(picked);
  }

  function Practice(article) {
    this.article = article;
    this.all = Array.prototype.slice.call(article.querySelectorAll("[data-practice-case]"));
    this.start = article.querySelector("[data-practice-start]");
    this.bar = article.querySelector("[data-practice-bar]");
    this.progress = article.querySelector("[data-practice-progress]");
    this.summary = article.querySelector("[data-practice-summary]");
    this.template = article.querySelector("#practice-choices");
    this.session = [];
    this.index = 0;
    this.right = 0;
    this.answered = 0;
    this.missed = [];
    this.start.hidden = false;
    article.addEventListener("click", this.onClick.bind(this));
  }

  Practice.prototype.onClick = function (event) {
    var button = event.target.closest("button");
    if (!button || !this.article.contains(button)) return;
    if (button.hasAttribute("data-practice-session")) {
      this.begin(pickAcrossTopics(this.all, parseInt(button.getAttribute("data-practice-session"), 10)));
    } else if (button.hasAttribute("data-practice-topic")) {
      var topic = button.getAttribute("data-practice-topic");
      this.begin(this.all.filter(function (c) { return c.getAttribute("data-topic") === topic; }));
    } else if (button.hasAttribute("data-choice")) {
      this.choose(button.getAttribute("data-choice"));
    } else if (button.hasAttribute("data-practice-next")) {
      this.next();
    } else if (button.hasAttribute("data-practice-end")) {
      this.end();
    }
  };

  Practice.prototype.begin = function (session) {
    this.clearCase();
    this.session = session;
    this.index = 0;
    this.right = 0;
    this.answered = 0;
    this.missed = [];
    this.article.classList.add("practice-in-session");
    this.start.hidden = true;
    this.summary.hidden = true;
    this.bar.hidden = false;
    this.show();
  };

  Practice.prototype.current = function () { return this.session[this.index]; };

  Practice.prototype.badge = function (outcome) {
    var badge = this.template.content.querySelector('[data-choice="' + outcome + '"] .outcome-badge');
    return badge.cloneNode(true);
  };

  Practice.prototype.report = function () {
    var text = "Case " + (this.index + 1) + " of " + this.session.length + ". Score: " +
      this.right + " right out of " + this.answered + " so far.";
    this.progress.textContent = text;
  };

  Practice.prototype.show = function () {
    var c = this.current();
    c.classList.add("is-current");
    var heading = c.previousElementSibling;
    while (heading && heading.tagName !== "H2") heading = heading.previousElementSibling;
    if (heading) heading.classList.add("is-current-topic");
    var details = c.querySelector("details");
    details.open = false;
    details.hidden = true;
    var choices = this.template.content.firstElementChild.cloneNode(true);
    choices.setAttribute("data-practice-injected", "");
    c.querySelector(".practice-case__story").after(choices);
    this.report();
    var title = c.querySelector(".practice-case__title");
    // The page numbers every case; in a session it is this session's case.
    if (!title.hasAttribute("data-page-title")) title.setAttribute("data-page-title", title.textContent);
    title.textContent = "Case " + (this.index + 1) + " of " + this.session.length;
    title.setAttribute("tabindex", "-1");
    title.focus({ preventScroll: true });
    c.scrollIntoView({ block: "start" });
  };

  Practice.prototype.choose = function (outcome) {
    var c = this.current();
    var correct = c.getAttribute("data-outcome");
    var ok = outcome === correct;
    this.answered += 1;
    if (ok) this.right += 1; else this.missed.push(c);
    var result = document.createElement("div");
    result.className = "practice-result " + (ok ? "practice-result--right" : "practice-result--wrong");
    result.setAttribute("data-practice-injected", "");
    result.setAttribute("tabindex", "-1");
    var verdict = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = ok ? "Right." : "Not this time.";
    verdict.append(strong, " You chose ", this.badge(outcome));
    if (!ok) verdict.append("; the tool's answer is ", this.badge(correct));
    verdict.append(".");
    var score = document.createElement("p");
    score.textContent = "Score: " + this.right + " right out of " + this.answered + ".";
    var actions = document.createElement("p");
    var next = document.createElement("button");
    next.type = "button";
    next.className = "md-button md-button--primary";
    next.setAttribute("data-practice-next", "");
    next.textContent = this.index + 1 < this.session.length ? "Next case" : "See your score";
    actions.append(next);
    result.append(verdict, score, actions);
    c.querySelector("[data-practice-injected]").replaceWith(result);
    var details = c.querySelector("details");
    details.hidden = false;
    details.open = true;
    this.report();
    result.focus();
  };

  Practice.prototype.next = function () {
    this.clearCase();
    this.index += 1;
    if (this.index < this.session.length) this.show(); else this.finish();
  };

  // Take the case in play back to how the page shows it without JavaScript.
  Practice.prototype.clearCase = function () {
    var c = this.current();
    if (!c) return;
    c.classList.remove("is-current");
    this.article.querySelectorAll(".is-current-topic").forEach(function (h) {
      h.classList.remove("is-current-topic");
    });
    c.querySelectorAll("[data-practice-injected]").forEach(function (el) { el.remove(); });
    var details = c.querySelector("details");
    details.hidden = false;
    details.open = false;
    var title = c.querySelector(".practice-case__title");
    title.removeAttribute("tabindex");
    if (title.hasAttribute("data-page-title")) {
      title.textContent = title.getAttribute("data-page-title");
      title.removeAttribute("data-page-title");
    }
  };

  Practice.prototype.finish = function () {
    this.bar.hidden = true;
    this.summary.hidden = false;
    this.summary.querySelector("[data-practice-score]").textContent =
      "You got " + this.right + " of " + this.session.length + " right.";
    var missed = this.summary.querySelector("[data-practice-missed]");
    missed.textContent = "";
    if (this.missed.length) {
      var intro = document.createElement("p");
      intro.textContent = "The cases to look at again, with the tool's answer:";
      var list = document.createElement("ul");
      var self = this;
      this.missed.forEach(function (c) {
        var li = document.createElement("li");
        li.append(c.querySelector(".practice-case__story").textContent + " ",
                  self.badge(c.getAttribute("data-outcome")));
        list.append(li);
      });
      missed.append(intro, list);
    }
    this.summary.scrollIntoView({ block: "start" });
    this.summary.focus({ preventScroll: true });
  };

  Practice.prototype.end = function () {
    this.clearCase();
    this.session = [];
    this.article.classList.remove("practice-in-session");
    this.bar.hidden = true;
    this.summary.hidden = true;
    this.start.hidden = false;
    var first = this.start.querySelector("button");
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
  };

  function setUp() {
    var start = document.querySelector("[data-practice-start]");
    if (!start || start.hasAttribute("data-practice-ready")) return;
    start.setAttribute("data-practice-ready", "");
    new Practice(start.closest("article") || document.body);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
