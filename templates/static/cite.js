/* Quotes you can cite (loaded on every page, works from file:// too).
 * - A "Cite" button (hidden until this script shows it) copies “quote” — Speaker, “Title”, Source,
 *   date, and the quote's permalink address, all read from the page: on an article's page, the
 *   quote's words (its element, and the parts continued in later paragraphs), the speaker shown
 *   after it, the title, source and date; in a list of quotes, the item's words, title and date,
 *   and its data-speaker and data-source.
 * - Addresses of older builds named a quote by its position (#q-7): they are taken to the quote
 *   that is now at that position, under its permanent anchor.
 * - The 404 page offers a search for the name in the missing address. */
(function () {
  "use strict";

  function quoteWords(anchor) {
    var quotes = document.querySelectorAll(".quote"), words = [], inside = false;
    for (var i = 0; i < quotes.length; i++) {
      if (quotes[i].id === anchor) { inside = true; }
      else if (inside && !quotes[i].hasAttribute("data-continued")) { break; }
      if (inside) { words.push(quotes[i].textContent); }
    }
    return words.join(" ").replace(/\s+/g, " ").trim();
  }

  function citation(said, speaker, title, source, date) {
    return [said + " — " + (speaker || "unattributed"), "“" + title + "”", source, date]
      .filter(function (part) { return part; }).join(", ");
  }

  function fromList(item) {
    var text = item.querySelector("blockquote p"), title = item.querySelector("a.title"), date = item.querySelector("time");
    return citation(text ? text.textContent.trim() : "", item.getAttribute("data-speaker"),
                    title ? title.textContent.trim() : "", item.getAttribute("data-source"),
                    date ? date.textContent.trim() : "");
  }

  function fromArticle(button) {
    var link = button.previousElementSibling, anchor = link.getAttribute("href").slice(1);
    var quote = document.getElementById(anchor);
    var who = link.previousElementSibling;                              // before the permalink: the speaker
    var said = quoteWords(anchor);
    if (quote && quote.tagName === "Q") { said = "“" + said + "”"; }
    var named = who && /\bwho\b/.test(who.className) && !/\bwho-none\b/.test(who.className);   // not "unattributed"
    var title = document.querySelector("h1"), source = document.querySelector(".story .source"),
        date = document.querySelector(".story header time");
    return citation(said, named ? who.textContent : "", title ? title.textContent.trim() : "",
                    source ? source.textContent.trim() : "", date ? date.textContent.trim() : "");
  }

  function copy(text, done) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function setUp(button) {
    var link = button.previousElementSibling;          // the permalink
    button.hidden = false;
    button.addEventListener("click", function () {
      var item = button.closest(".quote-item");
      var text = (item ? fromList(item) : fromArticle(button)) + ", " + link.href;
      copy(text, function (ok) {
        var label = button.textContent;
        button.textContent = ok ? "Copied" : "Copy failed";
        button.setAttribute("data-copied", text);
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  }

  function followOldAnchor() {
    var match = /^#q-(\d+)$/.exec(location.hash);
    if (!match || document.getElementById(location.hash.slice(1))) { return; }
    var quote = document.querySelector('.quote[data-n="' + match[1] + '"]');
    if (quote) { location.replace("#" + quote.id); }
  }

  function offerSearch() {
    var box = document.getElementById("missing-search");
    if (!box) { return; }
    var parts = location.pathname.split("/").filter(function (part) {
      return part && part !== "index.html" && !/^(page|a-z|types|\d+)$/.test(part) && !/\.html$/.test(part);
    });
    var name = decodeURIComponent(parts.length ? parts[parts.length - 1] : "").replace(/^\d{4}-\d{2}-\d{2}-/, "")
      .replace(/[-_]+/g, " ").trim();
    if (!name) { return; }
    var link = box.querySelector("a");
    link.href = link.getAttribute("href") + "?q=" + encodeURIComponent(name);
    link.textContent = "Search the archive for “" + name + "”";
    box.hidden = false;
  }

  function start() {
    var buttons = document.querySelectorAll("button.cite");
    for (var i = 0; i < buttons.length; i++) { setUp(buttons[i]); }
    followOldAnchor();
    offerSearch();
  }
  window.addEventListener("hashchange", followOldAnchor);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
