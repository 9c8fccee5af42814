// Render items.json with plain citeproc-js under node, into one reference file per style.
// Run once, from a folder outside the repository where `npm install citeproc@2.4.63` was run:
//   node tests/core/cite_expected/generate.js <node_modules/citeproc> <styles folder> <locales folder>
// It calls citeproc-js directly (not Verbatim's driver), so the tests compare two independent
// paths to the same engine.
"use strict";
const fs = require("fs");
const path = require("path");
const [citeprocDir, stylesDir, localesDir] = process.argv.slice(2);
const CSL = require(path.resolve(citeprocDir));
const here = __dirname;
const items = JSON.parse(fs.readFileSync(path.join(here, "items.json"), "utf8"));
const STYLES = {
  "apa": "apa", "mla": "modern-language-association",
  "chicago-author-date": "chicago-author-date", "chicago-note-bibliography": "chicago-notes-bibliography",
};
const byId = {};
items.forEach((item) => { byId[item.id] = item; });
const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => byId[id],
};
const ids = items.map((item) => item.id);
for (const [name, file] of Object.entries(STYLES)) {
  // The options Zotero's getCiteProc sets: capitalised subtitles for APA, links wrapped, names not parsed.
  const engine = new CSL.Engine({...sys, uppercase_subtitles: name === "apa"},
                                fs.readFileSync(path.join(stylesDir, `${file}.csl`), "utf8"));
  engine.opt.development_extensions.wrap_url_and_doi = true;
  engine.opt.development_extensions.parse_names = false;
  const out = {};
  for (const format of ["text", "html"]) {
    engine.setOutputFormat(format);
    engine.updateItems(ids);
    const [meta, texts] = engine.makeBibliography();
    const left = new Set((meta.bibliography_errors || []).map((e) => String(e.itemID)));
    const bibliography = {};
    let next = 0;
    meta.entry_ids.forEach((entry) => {
      if (!left.has(String(entry[0]))) bibliography[entry[0]] = texts[next++].trim();
    });
    out[format] = {};
    for (const locator of ["12", "14:32"]) {
      const label = locator.includes(":") ? "timestamp" : "page";
      out[format][locator] = ids.map((id) => {
        const row = {
          id, bibliography: bibliography[id] || "",
          citation: engine.makeCitationCluster([{id}]),
          citation_locator: engine.makeCitationCluster([{id, locator, label}]),
        };
        if (engine.opt.xclass === "note") {
          row.note = row.citation;
          row.short_note = engine.makeCitationCluster([{id, position: CSL.POSITION_SUBSEQUENT}]);
        }
        return row;
      });
    }
  }
  fs.writeFileSync(path.join(here, `${name}.json`), JSON.stringify(out, null, 1) + "\n");
  console.log(`wrote ${name}.json`);
}
