/* With JavaScript on, the checker runs in the browser: the rules come from the site
 * (rules.json), the message never leaves the device. Without it, or if anything
 * fails, the form posts to the server as usual. Text is only ever set with
 * textContent, so nothing in a message can become a link or markup. */
(function () {
  "use strict";

  var form = document.getElementById("checker-form");
  var live = document.getElementById("checker-live");
  var matcher = window.InterpolinfoMatcher;
  if (!form || !live || !matcher || !form.dataset.rules || !window.fetch) return;

  var field = form.querySelector("textarea[name=message]");
  var limit = 5000;
  var loaded = null;

  function rules() {
    if (!loaded) {
      loaded = fetch(form.dataset.rules, { credentials: "omit" })
        .then(function (response) {
          if (!response.ok) throw new Error("rules " + response.status);
          return response.json();
        })
        .then(function (doc) {
          return { doc: doc, compiled: matcher.compile(doc) };
        });
    }
    return loaded;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function marked(text, findings) {
    var marks = new Array(text.length + 1).fill(false);
    findings.forEach(function (finding) {
      finding.spans.forEach(function (span) {
        for (var i = span[0]; i < span[1]; i++) marks[i] = true;
      });
    });
    var box = el("div", { class: "checker-message", dir: "auto" });
    var start = 0;
    for (var i = 1; i <= text.length; i++) {
      if (i === text.length || marks[i] !== marks[start]) {
        var piece = text.slice(start, i);
        box.appendChild(marks[start] ? el("mark", {}, [piece]) : document.createTextNode(piece));
        start = i;
      }
    }
    return box;
  }

  function render(state, text) {
    var doc = state.doc;
    var texts = doc.texts;
    var report = matcher.check(state.compiled, text);
    var count = report.findings.length;
    var section = el("section", { id: "results", class: "checker-results", "aria-labelledby": "results-heading" });
    var heading = el("h2", { id: "results-heading", tabindex: "-1" }, [texts.heading]);
    var summary = count
      ? (count === 1 ? texts.found_one : texts.found_many).replace("%(counter)s", String(count))
      : texts.none;
    section.appendChild(heading);
    section.appendChild(el("p", { role: "status", class: "checker-summary" }, [summary]));
    var steps = [];
    if (count) {
      var list = el("ol", { class: "checker-signs list-unstyled" });
      report.findings.forEach(function (finding) {
        var sign = doc.signs[finding.key];
        if (!sign) return;
        var item = el("li", { class: "checker-sign" }, [el("h3", { class: "h5" }, [sign.name])]);
        var quotes = el("p", {}, [texts.says + " "]);
        var seen = [];
        finding.spans.forEach(function (span) {
          var quote = text.slice(span[0], span[1]);
          if (seen.length >= 3 || seen.indexOf(quote.toLowerCase()) !== -1) return;
          if (seen.length) quotes.appendChild(document.createTextNode(", "));
          seen.push(quote.toLowerCase());
          quotes.appendChild(el("q", { dir: "auto" }, [el("mark", {}, [quote])]));
        });
        item.appendChild(quotes);
        item.appendChild(el("p", {}, [sign.explanation]));
        if (sign.read_more.length) {
          var more = el("p", { class: "mb-0" }, [texts.read_more + " "]);
          sign.read_more.forEach(function (page, index) {
            if (index) more.appendChild(document.createTextNode(", "));
            more.appendChild(el("a", { href: page.url }, [page.title]));
          });
          item.appendChild(more);
        }
        if (sign.next_step) steps.push(sign.next_step);
        list.appendChild(item);
      });
      section.appendChild(list);
      steps = steps.concat(doc.next_steps);
    } else {
      section.appendChild(el("div", { class: "alert alert-warning" }, [
        el("p", {}, [texts.none_1]),
        el("p", { class: "mb-0" }, [texts.none_2]),
      ]));
    }
    var linkTexts = document.getElementById("checker-link-texts");
    if (report.links.length && linkTexts) {
      var say = function (name) {
        var node = linkTexts.content.querySelector('[data-text="' + name + '"]');
        return node ? node.textContent.trim() : "";
      };
      section.appendChild(el("h3", { class: "h5" }, [say("heading")]));
      section.appendChild(el("p", {}, [say("inert")]));
      section.appendChild(el("ul", { class: "checker-links" }, report.links.map(function (link) {
        var verdict = link.kind === "lookalike" ? "lookalike"
          : link.kind === "short" ? "short"
          : link.free_mail ? "free_mail"
          : link.kind === "official" ? (link.is_interpol ? "interpol" : "official")
          : "other";
        return el("li", {}, [
          el("span", { class: "checker-address", dir: "ltr" }, [link.text]),
          el("br"),
          say("domain") + " ",
          el("strong", { dir: "ltr" }, [link.host]),
          ". " + say(verdict),
        ]);
      })));
    }
    section.appendChild(el("h3", { class: "h5" }, [texts.marked]));
    section.appendChild(marked(text, report.findings));
    var titles = [];
    var unique = steps.filter(function (step) {
      if (titles.indexOf(step.title) !== -1) return false;
      titles.push(step.title);
      return true;
    });
    if (unique.length) {
      section.appendChild(el("h3", { class: "h5" }, [texts.next]));
      section.appendChild(el("ul", {}, unique.map(function (step) {
        return el("li", {}, [step.situation + ": ", el("a", { href: step.url }, [step.title])]);
      })));
    }
    section.appendChild(el("p", { class: "small" }, [texts.in_browser]));
    var old = document.getElementById("results");
    if (old) old.remove();
    live.replaceChildren(section);
    heading.focus();
  }

  form.addEventListener("submit", function (event) {
    var text = field.value.trim();
    if (!text || text.length > limit) return; // the server explains the problem
    event.preventDefault();
    rules()
      .then(function (state) { render(state, text); })
      .catch(function () {
        loaded = null;
        form.submit(); // the check still works, on the server
      });
  });
})();
