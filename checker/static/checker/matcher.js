/* The message checker's matcher, for the browser: the same rules and steps as
 * checker/matching.py, so a message can be checked without leaving the device.
 * The rules come from the site as JSON (checker/export.py); tests run this file in
 * node over the same examples as the Python matcher (tests/checker/test_js_matcher.py).
 * Positions are JavaScript string indices. */
(function (root) {
  "use strict";

  var W = "[\\p{L}\\p{N}_]";
  var WORD = new RegExp(W + "+", "gu");
  var WORDISH = /[\p{L}\p{N}_@$]+/gu;
  var SPACED_OUT = new RegExp("(?<!" + W + ")" + W + "(?:[ .\\-_*\u00b7/]" + W + "){3,}(?!" + W + ")", "gu");
  var NUMBER_WITH_UNIT = /^(?:\p{Nd}+\p{L}{1,3}|\p{L}{1,3}\p{Nd}+)$/u;
  var ARABIC_LETTER = /^[\u0621-\u064a]/;
  var URL = /\b(?:https?:\/\/|www\.)[^\s<>"'()\[\]]+/giu;
  var EMAIL = /[\p{L}\p{N}_.+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,24})\b/giu;
  var BARE_DOMAIN = /(?<![\p{L}\p{N}_@.\-/])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})\b(?:\/[^\s<>"'()]*)?/giu;

  function translate(text, table) {
    var out = "";
    for (var ch of text) out += Object.prototype.hasOwnProperty.call(table, ch) ? table[ch] : ch;
    return out;
  }

  function Folder(doc) {
    this.doc = doc;
    this.marks = new RegExp(doc.arabic_marks, "gu");
    this.cache = new Map();
  }

  Folder.prototype.foldChar = function (ch) {
    var known = this.cache.get(ch);
    if (known !== undefined) return known;
    var folded;
    var code = ch.codePointAt(0);
    var zero = this.doc.digit_zeros.find(function (z) { return code >= z && code <= z + 9; });
    if (zero !== undefined) {
      folded = String(code - zero);
    } else {
      folded = ch.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
      folded = translate(folded.replace(this.marks, ""), this.doc.arabic_letters);
    }
    this.cache.set(ch, folded);
    return folded;
  };

  /* {text, origin}: the folded text, and for each of its units the index it came from. */
  Folder.prototype.normalise = function (text) {
    var chars = [];
    var origin = [];
    var index = 0;
    for (var ch of text) {
      var folded = this.foldChar(ch);
      for (var i = 0; i < folded.length; i++) {
        chars.push(folded[i]);
        origin.push(index);
      }
      index += ch.length;
    }
    var joined = chars.join("");
    var drop = new Set();
    for (var match of joined.matchAll(SPACED_OUT)) {
      for (var d = match.index + 1; d < match.index + match[0].length; d += 2) drop.add(d);
    }
    if (drop.size) {
      chars = chars.filter(function (_c, i) { return !drop.has(i); });
      origin = origin.filter(function (_o, i) { return !drop.has(i); });
      joined = chars.join("");
    }
    var leet = this.doc.leet;
    joined = joined.replace(WORDISH, function (word) {
      if (!/\p{L}/u.test(word) || !/[\p{Nd}@$]/u.test(word) || NUMBER_WITH_UNIT.test(word)) return word;
      return translate(word, leet);
    });
    return { text: joined, origin: origin };
  };

  Folder.prototype.fold = function (text) {
    return this.normalise(text).text;
  };

  function parsePhrase(folder, phrase) {
    var words = [];
    phrase.split(/\s+/).filter(Boolean).forEach(function (raw) {
      var prefix = raw.endsWith("*");
      var parts = folder.fold(raw.replace(/\*+$/, "")).match(WORD) || [];
      parts.forEach(function (part) { words.push({ text: part, prefix: false }); });
      if (words.length && prefix) words[words.length - 1].prefix = true;
    });
    return words;
  }

  function compile(doc) {
    var folder = new Folder(doc);
    var compiled = { doc: doc, folder: folder, exact: new Map(), prefix: new Map(), patterns: [], longestPrefix: 0 };
    doc.rules.forEach(function (rule) {
      rule.phrases.forEach(function (phrase) {
        var words = parsePhrase(folder, phrase);
        if (!words.length || words.some(function (w) { return w.prefix && w.text.length < doc.min_prefix_chars; })) return;
        var index = words[0].prefix ? compiled.prefix : compiled.exact;
        if (!index.has(words[0].text)) index.set(words[0].text, []);
        index.get(words[0].text).push([rule.key, words]);
        if (words[0].prefix) compiled.longestPrefix = Math.max(compiled.longestPrefix, words[0].text.length);
      });
      if (rule.pattern) {
        try {
          compiled.patterns.push([rule.key, new RegExp(rule.pattern, "giu")]);
        } catch (error) {
          // An expression only Python's regex package understands: the server checks it.
        }
      }
    });
    return compiled;
  }

  function wordForms(doc, word) {
    var forms = [word];
    if (!ARABIC_LETTER.test(word)) return forms;
    var stem = word;
    for (var i = 0; i < 2; i++) {
      if (stem.length >= 3 && doc.arabic_prefixes.indexOf(stem[0]) !== -1) {
        stem = stem.slice(1);
        forms.push(stem);
      }
    }
    forms.slice().forEach(function (candidate) {
      if (candidate.length > 4 && candidate.startsWith(doc.arabic_article)) forms.push(candidate.slice(2));
    });
    return forms;
  }

  function wordMatches(doc, token, word) {
    return wordForms(doc, token).some(function (form) {
      return form === word.text || (word.prefix && form.startsWith(word.text));
    });
  }

  function hostAllowed(host, domains) {
    host = host.toLowerCase().replace(/\.$/, "");
    if (!host) return false;
    return domains.some(function (domain) {
      domain = domain.toLowerCase().trim().replace(/^\.+|\.+$/g, "");
      return domain && (host === domain || host.endsWith("." + domain));
    });
  }

  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      for (j = 1; j <= b.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] !== b[j - 1] ? 1 : 0)));
      }
      if (Math.min.apply(null, current) > limit) return limit + 1;
      previous = current;
    }
    return previous[b.length];
  }

  function isLookalike(doc, host) {
    if (hostAllowed(host, doc.official_domains)) return false;
    var shape = translate(host.toLowerCase().split("rn").join("m").split("vv").join("w"), doc.skeleton);
    if (shape.replace(/[-.]/g, "").indexOf("interpol") !== -1) return true;
    if (shape.split(/[.-]/).some(function (label) { return label.length >= 6 && distance(label, "interpol", 2) <= 2; })) return true;
    return doc.official_domains.some(function (domain) {
      if (domain.length < 8) return false;
      var d = distance(host, domain.toLowerCase(), 2);
      return d > 0 && d <= 2;
    });
  }

  function hostOf(url) {
    var rest = url.replace(/^https?:\/\//i, "");
    var host = rest.split(/[/?#:]/)[0];
    return host.split("@").pop().toLowerCase().replace(/\.$/, "");
  }

  function findLinks(doc, text) {
    var found = [];
    function add(start, end, host, isEmail) {
      var display = text.slice(start, end).replace(/[.,;:!?]+$/, "");
      end = start + display.length;
      if (!host || found.some(function (l) { return !(end <= l.start || start >= l.end); })) return;
      var kind = "other";
      if (doc.shorteners.indexOf(host) !== -1) kind = "short";
      else if (hostAllowed(host, doc.official_domains)) kind = "official";
      else if (isLookalike(doc, host)) kind = "lookalike";
      found.push({
        text: display, host: host, start: start, end: end, kind: kind, is_email: isEmail,
        free_mail: isEmail && doc.free_mail.indexOf(host) !== -1,
        is_interpol: hostAllowed(host, [doc.official_domain]),
      });
    }
    var match;
    for (match of text.matchAll(EMAIL)) add(match.index, match.index + match[0].length, match[1].toLowerCase(), true);
    for (match of text.matchAll(URL)) add(match.index, match.index + match[0].length, hostOf(match[0]), false);
    for (match of text.matchAll(BARE_DOMAIN)) {
      var host = match[1].toLowerCase();
      if (doc.file_endings.indexOf(host.split(".").pop()) !== -1) continue;
      add(match.index, match.index + match[0].length, host, false);
    }
    return found.sort(function (a, b) { return a.start - b.start; });
  }

  function detectorFires(detector, link) {
    if (detector === "lookalike_domain") return link.kind === "lookalike";
    if (detector === "short_link") return link.kind === "short";
    if (detector === "free_mail") return link.free_mail;
    return false;
  }

  function mergeSpans(spans) {
    var merged = [];
    spans.slice().sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; }).forEach(function (span) {
      var last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push([span[0], span[1]]);
    });
    return merged;
  }

  /* {findings: [{key, spans}], links}: every rule that fires, in the rules' order. */
  function check(compiled, text) {
    var doc = compiled.doc;
    var normalised = compiled.folder.normalise(text);
    var tokens = [];
    for (var m of normalised.text.matchAll(WORD)) tokens.push([m[0], m.index, m.index + m[0].length]);
    var found = new Map();
    function note(key, start, end) {
      if (!found.has(key)) found.set(key, []);
      found.get(key).push([start, end]);
    }
    function original(start, end) {
      return [normalised.origin[start], normalised.origin[end - 1] + 1];
    }
    tokens.forEach(function (token, position) {
      var candidates = [];
      wordForms(doc, token[0]).forEach(function (form) {
        candidates = candidates.concat(compiled.exact.get(form) || []);
        for (var length = doc.min_prefix_chars; length <= Math.min(form.length, compiled.longestPrefix); length++) {
          candidates = candidates.concat(compiled.prefix.get(form.slice(0, length)) || []);
        }
      });
      candidates.forEach(function (candidate) {
        var words = candidate[1];
        var last = position + words.length - 1;
        if (last >= tokens.length) return;
        for (var i = 1; i < words.length; i++) {
          if (!wordMatches(doc, tokens[position + i][0], words[i])) return;
        }
        var span = original(token[1], tokens[last][2]);
        note(candidate[0], span[0], span[1]);
      });
    });
    compiled.patterns.forEach(function (entry) {
      for (var match of normalised.text.matchAll(entry[1])) {
        if (match[0].length) {
          var span = original(match.index, match.index + match[0].length);
          note(entry[0], span[0], span[1]);
        }
      }
    });
    var links = findLinks(doc, text);
    doc.rules.forEach(function (rule) {
      if (!rule.detector) return;
      links.forEach(function (link) {
        if (detectorFires(rule.detector, link)) note(rule.key, link.start, link.end);
      });
    });
    var findings = doc.rules
      .filter(function (rule) { return found.has(rule.key); })
      .map(function (rule) { return { key: rule.key, spans: mergeSpans(found.get(rule.key)) }; });
    return { findings: findings, links: links };
  }

  var api = { compile: compile, check: check };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.InterpolinfoMatcher = api;
})(this);
