// style-mod, as CodeMirror imports it, but mounting a document's styles as a constructed style sheet
// (document.adoptedStyleSheets) instead of a <style> element. Since style-mod 4.1 a Document gets a <style> element,
// which our pages' CSP (style-src 'self', no 'unsafe-inline') refuses: the editor would show unstyled. Style sheets
// built through the CSSOM are not subject to style-src. build.sh points the bare name 'style-mod' here (esbuild
// --alias); this file reaches the real module by its path, so the alias does not loop.
import { StyleModule as Original } from '../node_modules/style-mod/src/style-mod.js';

// style-mod takes the constructed-sheet path for a root without a head (a shadow root); give it one per document
// that forwards its sheets to the document. It keeps its bookkeeping on this object, so one is kept per document.
const roots = new WeakMap();

function sheetRoot(doc) {
  if (!roots.has(doc)) {
    roots.set(doc, {
      ownerDocument: doc,
      get adoptedStyleSheets() { return doc.adoptedStyleSheets; },
      set adoptedStyleSheets(sheets) { doc.adoptedStyleSheets = sheets; }
    });
  }
  return roots.get(doc);
}

export class StyleModule extends Original {
  static mount(root, modules, options) {
    const constructable = root.head && root.adoptedStyleSheets && root.defaultView && root.defaultView.CSSStyleSheet;
    Original.mount(constructable ? sheetRoot(root) : root, modules, options);
  }
}
