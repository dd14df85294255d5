// Lighthouse on several pages, one after another, in one chromium.
//
//     CHROME_PATH=... CHROME_FLAGS="..." node scripts/lighthouse_batch.mjs FOLDER NAME URL [NAME URL ...]
//
// Writes FOLDER/NAME.json (Lighthouse's report) for each page, or FOLDER/NAME.error
// (why there is no report). scripts/lighthouse.py starts a few of these at once, gives
// them the browser tests' chromium and flags, and reads what they wrote. Starting node
// and chromium once for a batch, rather than once for each page as the `lighthouse`
// command does, saves about 4 s a page here. Each run still starts from an empty cache
// and empty storage (Lighthouse resets both).
//
// chrome-launcher is the launcher Lighthouse itself uses (installed with it, pinned by
// package-lock.json).
import fs from 'node:fs';
import path from 'node:path';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
// Lighthouse 12 sometimes loses the trace of a load on a busy machine (NO_NAVSTART);
// a second run records it.
const ATTEMPTS = 3;

async function audit(port, url) {
  let problem = '';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      const result = await lighthouse(url, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
        // A picture of the whole page for the HTML report's viewer (about 1 s a
        // page here); no category scores it, and only the JSON is read.
        disableFullPageScreenshot: true,
      });
      if (!result.lhr.runtimeError) return {report: result.report};
      problem = `${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`;
    } catch (error) {
      problem = String(error);
    }
  }
  return {error: `Lighthouse failed ${ATTEMPTS} times on ${url}: ${problem}`};
}

const [folder, ...pairs] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: process.env.CHROME_FLAGS.split(' '),
});
try {
  for (let i = 0; i < pairs.length; i += 2) {
    const [name, url] = [pairs[i], pairs[i + 1]];
    const outcome = await audit(chrome.port, url);
    if (outcome.report) fs.writeFileSync(path.join(folder, `${name}.json`), outcome.report);
    else fs.writeFileSync(path.join(folder, `${name}.error`), outcome.error);
  }
} finally {
  await chrome.kill();
}
