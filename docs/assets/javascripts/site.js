/* The site's only script: progressive enhancements, none needed to read any page.
 *
 * 1. "Copy link" buttons beside the policy's paragraph labels.
 *
 * Without JavaScript each label ("Paragraph 1", "Bullet 2", ...) is a plain link to its paragraph, so
 * the address bar shows the address to cite. With JavaScript a "Copy link" button next to each label
 * copies the paragraph's full address, and a status message (read by screen readers) confirms it.
 *
 * 2. Printed links say where they lead, compactly (site.css prints data-print-href after each link):
 *    another site's links their full address; this site's links the page's address, once per page
 *    linked (the link's words name the section: "Policy, paragraph 3"); tel: links and links within
 *    the page nothing. Without JavaScript, site.css prints outside addresses only.
 *
 * 3. The search dialog gets an accessible name (axe: aria-dialog-name). Material 9.8's dialog has none;
 *    Zensical's has one. Naming it here, rather than overriding Material's search partial, works
 *    under both (the override rendered a second search box under Zensical). Search needs JavaScript,
 *    so without it there is no dialog to name.
 *
 * Material's instant navigation swaps pages without reloading, so all run on every document$ event.
 */
(function () {
  "use strict";

  function announce(status, message) {
    status.textContent = "";
    // A fresh text node after a tick makes screen readers announce a repeated message again.
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "paragraph-link__scratch";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function enhance() {
    var links = document.querySelectorAll(".para-label a.para-num");
    if (!links.length) { return; }
    var status = document.getElementById("paragraph-link-status");
    if (!status) {
      status = document.createElement("p");
      status.id = "paragraph-link-status";
      status.className = "paragraph-link__status";
      status.setAttribute("role", "status");
      document.querySelector(".md-content__inner").appendChild(status);
    }
    links.forEach(function (link) {
      if (link.nextElementSibling && link.nextElementSibling.classList.contains("para-copy")) {
        return;
      }
      var name = link.textContent.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "para-copy";
      button.textContent = "Copy link";
      button.setAttribute("aria-label", "Copy link to " + name);
      button.addEventListener("click", function () {
        var url = new URL(link.getAttribute("href"), window.location.href).href;
        copyText(url).then(
          function () {
            announce(status, "Link to " + name + " copied: " + url);
            button.textContent = "Link copied";
            window.setTimeout(function () { button.textContent = "Copy link"; }, 2000);
          },
          function () { announce(status, "Could not copy. The link to " + name + " is " + url); }
        );
      });
      link.insertAdjacentElement("afterend", button);
    });
  }

  function printAddresses() {
    var here = window.location.origin + window.location.pathname;
    var printed = {};
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var url = new URL(link.href, window.location.href);
      var address = "";
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        address = "";  // tel: the number is the link's own text
      } else if (url.origin !== window.location.origin) {
        address = url.href;
      } else {
        var page = url.origin + url.pathname;
        if (page !== here && !printed[page]) {
          printed[page] = true;
          address = page;
        }
      }
      link.setAttribute("data-print-href", address);
    });
  }

  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    if (dialog) { dialog.setAttribute("aria-label", "Search"); }
  }

  function run() {
    enhance();
    printAddresses();
    nameSearchDialog();
  }

  if (window.document$) {
    window.document$.subscribe(run);
  } else {
    document.addEventListener("DOMContentLoaded", run);
  }
})();
