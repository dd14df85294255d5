// Reads {document, texts} as JSON on stdin; prints, for each text, the keys the
// browser matcher finds (tests/checker/test_js_matcher.py compares them with Python's).
const matcher = require("../../checker/static/checker/matcher.js");

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { document, texts } = JSON.parse(input);
  const compiled = matcher.compile(document);
  const found = texts.map((text) => {
    const report = matcher.check(compiled, text);
    return {
      keys: report.findings.map((finding) => finding.key),
      quotes: report.findings.map((finding) => finding.spans.map(([s, e]) => text.slice(s, e))),
      links: report.links.map((link) => [link.host, link.kind]),
    };
  });
  process.stdout.write(JSON.stringify(found));
});
