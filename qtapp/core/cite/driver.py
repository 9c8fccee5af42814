"""The JavaScript that drives citeproc-js for one batch of items (our code, not citeproc-js).

The same text runs in the embedded V8 (:mod:`.engine`) and, for the reference files of the
tests, under node: so both renderings go through identical calls into citeproc-js.
"""

DRIVER_JS = r"""
var verbatim = (function () {
  "use strict";
  // Building an engine parses the whole style (seconds for Chicago's): keep one per style and
  // language, as Zotero does. updateItems() replaces the engine's items on every request, so
  // no request sees the items of another.
  var engines = {};
  var current = {};

  // citeproc-js finds each macro by walking the whole style tree, once per use: with Chicago's
  // thousands of nodes that is most of the seconds a build takes outside a browser. Index the
  // macros by name once per tree instead; the nodes returned are the very same objects.
  var walkNodes = CSL.XmlJSON.prototype.getNodesByName;
  var macroIndexes = new WeakMap();
  CSL.XmlJSON.prototype.getNodesByName = function (tree, name, nameValue, found) {
    if (name !== "macro" || !nameValue || found || !tree || !tree.children) {
      return walkNodes.call(this, tree, name, nameValue, found);
    }
    var index = macroIndexes.get(tree);
    if (!index || index.size !== tree.children.length) {
      index = {size: tree.children.length, byName: {}};
      walkNodes.call(this, tree, "macro").forEach(function (node) {
        var key = node.attrs.name;
        (index.byName[key] = index.byName[key] || []).push(node);
      });
      macroIndexes.set(tree, index);
    }
    return (index.byName[nameValue] || []).slice();
  };

  function engineFor(request) {
    var key = request.key;
    if (!engines[key]) {
      var locales = request.locales;
      var options = request.options || {};
      var sys = {
        retrieveLocale: function (lang) { return locales[lang] || false; },
        retrieveItem: function (id) { return current[String(id)]; }
      };
      // The options Zotero sets (Zotero.Style.prototype.getCiteProc), so the output is Zotero's.
      if (options.uppercase_subtitles) {
        sys.uppercase_subtitles = true;
      }
      var engine = new CSL.Engine(sys, request.style, request.lang || null);
      engine.opt.development_extensions.wrap_url_and_doi = !!options.wrap_url_and_doi;
      engine.opt.development_extensions.parse_names = options.parse_names !== false;
      engines[key] = engine;
    }
    return engines[key];
  }

  function bibliographyEntries(engine, requestIds) {
    var entries = {};
    var result = engine.makeBibliography();
    if (!result) {
      return entries;  // the style has no bibliography
    }
    // Items the style leaves out of the bibliography are listed as errors and have no entry.
    var skipped = {};
    (result[0].bibliography_errors || []).forEach(function (error) { skipped[String(error.itemID)] = true; });
    var texts = result[1].slice();
    var expected = result[0].entry_ids.filter(function (e) { return !skipped[String(e[0])]; }).length;
    if (texts.length !== expected) {
      return entriesOneByOne(engine, result[0].entry_ids, requestIds);
    }
    var position = 0;
    result[0].entry_ids.forEach(function (entryIds) {
      var id = String(entryIds[0]);
      if (!skipped[id]) {
        entries[id] = {text: texts.shift(), position: position++};
      }
    });
    return entries;
  }

  // Rarely an entry renders empty without being reported (its only output was punctuation that
  // was purged): the texts no longer line up with the ids, so each entry is made on its own.
  function entriesOneByOne(engine, entryIds, requestIds) {
    var entries = {};
    var ids = entryIds.map(function (e) { return String(e[0]); });
    ids.forEach(function (id, position) {
      engine.updateItems([id]);
      var result = engine.makeBibliography();
      var text = result && result[1][0];
      if (text) {
        entries[id] = {text: text, position: position};
      }
    });
    engine.updateItems(requestIds);
    return entries;
  }

  function render(request) {
    current = {};
    request.items.forEach(function (item) { current[String(item.id)] = item; });
    var engine = engineFor(request);
    engine.setOutputFormat(request.format);
    var ids = request.items.map(function (item) { return String(item.id); });
    // citeproc-js keeps the bibliography entry of an id it already holds, even when the item
    // behind that id changed (an edited source, another library): start from an empty registry.
    engine.updateItems([]);
    engine.updateItems(ids);
    var entries = bibliographyEntries(engine, ids);
    var isNote = engine.opt.xclass === "note";
    function cite(id, extra) {
      var cited = {id: id};
      for (var key in extra) { cited[key] = extra[key]; }
      return engine.makeCitationCluster([cited]);
    }
    var located = request.locator ? {locator: request.locator, label: request.label || "page"} : {};
    return JSON.stringify(ids.map(function (id) {
      var out = {
        id: id,
        bibliography: entries[id] ? entries[id].text.trim() : "",
        position: entries[id] ? entries[id].position : null,
        citation: cite(id, {}),
        citation_locator: cite(id, located)
      };
      if (isNote) {
        out.note = out.citation;
        out.short_note = cite(id, {position: CSL.POSITION_SUBSEQUENT});
      }
      return out;
    }));
  }
  // As Zotero's itemToCSLJSON: a quoted family name is kept whole, others have their particles split.
  function parseParticles(names) {
    names.forEach(function (name) {
      if (!name.family || !name.given) {
        return;
      }
      var family = name.family;
      if (family.length > 1 && family.charAt(0) === '"' && family.charAt(family.length - 1) === '"') {
        name.family = family.substr(1, family.length - 2);
      } else {
        CSL.parseParticles(name, true);
      }
    });
    return JSON.stringify(names);
  }
  return {render: render, parseParticles: parseParticles};
})();
"""
