// The SQL editor of Dataclips: CodeMirror 6 with the PostgreSQL dialect, put in place of a form's text area (which
// keeps the text, so the form posts it and works unchanged without JavaScript). One global, DataclipsEditor, for
// static/js/dataclips.js. Styles come through CodeMirror's style-mod as a constructed style sheet (see
// adopted-style-mod.js), so the pages' CSP (style-src 'self', no inline styles) holds.
import { EditorView, basicSetup } from 'codemirror';
import { EditorState, Compartment, StateEffect, StateField } from '@codemirror/state';
import { keymap, Decoration } from '@codemirror/view';
import { sql, PostgreSQL } from '@codemirror/lang-sql';
import { setDiagnostics } from '@codemirror/lint';

// The error the database pointed at: a marked range, cleared on the next edit or run.
const markEffect = StateEffect.define();
const errorMark = Decoration.mark({ class: 'cm-sql-error' });
const errorField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (effect.is(markEffect)) {
        return effect.value ? Decoration.set([errorMark.range(effect.value.from, effect.value.to)]) : Decoration.none;
      }
    }
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field)
});

const theme = EditorView.theme({
  '&': { border: '1px solid #ccc', borderRadius: '4px', backgroundColor: '#fff', fontSize: '13px' },
  '&.cm-focused': { outline: '2px solid #7aa7e0' },
  '.cm-content, .cm-gutter': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-scroller': { overflow: 'auto' },
  '.cm-sql-error': { textDecoration: 'underline wavy #c62828', backgroundColor: '#fde7e7' }
});

// No-break spaces (typed into a contenteditable by some input paths, pasted from web pages) look like spaces but
// PostgreSQL reads them as part of a name: "select\u00a0x" is one word to it. They become plain spaces as they arrive.
const plainSpaces = EditorState.transactionFilter.of((tr) => {
  let found = false;
  tr.changes.iterChanges((fromA, toA, fromB, toB, inserted) => { found = found || inserted.toString().includes('\u00a0'); });
  if (!found) {
    return tr;
  }
  const changes = [];
  tr.changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
    changes.push({ from: fromA, to: toA, insert: inserted.toString().replace(/\u00a0/g, ' ') });
  });
  return { changes, selection: tr.selection, scrollIntoView: tr.scrollIntoView };
});

// "employees" for public's tables (what one types), "sales.orders" elsewhere; columns under each name.
function completionSchema(tables) {
  const schema = {};
  for (const t of tables || []) {
    const name = t.schema === 'public' ? t.table : t.schema + '.' + t.table;
    schema[name] = (t.columns || []).map((c) => ({ label: c.name, type: 'property', detail: c.type }));
  }
  return schema;
}

function language(tables) {
  return sql({ dialect: PostgreSQL, schema: completionSchema(tables), upperCaseKeywords: false });
}

// The end of the word at from: what the database's position points at is a token's first character.
function wordEnd(doc, from) {
  const line = doc.lineAt(from);
  const rest = line.text.slice(from - line.from);
  const word = /^[\w$."]+/.exec(rest);
  return Math.min(line.to, from + (word ? word[0].length : 1));
}

function attach(textarea, options) {
  const opts = options || {};
  const lang = new Compartment();
  const rows = Number(textarea.getAttribute('rows')) || 10;
  const keys = keymap.of([
    { key: 'Mod-Enter', preventDefault: true, run: () => { if (opts.onRun) { opts.onRun(); } return true; } },
    { key: 'Mod-s', preventDefault: true, run: () => { if (opts.onSave) { opts.onSave(); } return true; } }
  ]);
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        keys, basicSetup, plainSpaces, lang.of(language(opts.schema)), errorField, theme,
        EditorView.theme({ '.cm-content, .cm-gutter': { minHeight: (rows * 1.4) + 'em' } }),
        EditorView.contentAttributes.of({ 'aria-label': 'SQL', spellcheck: 'false' }),
        // Through the facet, not classList: the view rewrites its element's classes on updates.
        EditorView.editorAttributes.of({ class: 'sql-editor' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            textarea.value = update.state.doc.toString();
            if (opts.onChange) {
              opts.onChange(textarea.value);
            }
          }
        })
      ]
    })
  });
  textarea.hidden = true;
  textarea.required = false; // a hidden required field would stop the form with a message nobody can see
  textarea.insertAdjacentElement('afterend', view.dom);
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setSchema(tables) {
      view.dispatch({ effects: lang.reconfigure(language(tables)) });
    },
    insert(text) {
      view.dispatch(view.state.replaceSelection(text));
      view.focus();
    },
    // focus: false where the mark comes with the page (a saved clip's failed run), so the page does not jump to it.
    markError(position, message, focus = true) {
      const doc = view.state.doc;
      if (!position || position < 1) {
        view.dispatch(setDiagnostics(view.state, []));
        return;
      }
      const from = Math.min(position - 1, doc.length);
      const to = Math.max(from, wordEnd(doc, from));
      view.dispatch(focus
        ? { effects: markEffect.of({ from, to }), selection: { anchor: from }, scrollIntoView: true }
        : { effects: markEffect.of({ from, to }) });
      view.dispatch(setDiagnostics(view.state, [{ from, to, severity: 'error', message: message || 'error' }]));
      if (focus) {
        view.focus();
      }
    },
    clearError() {
      view.dispatch({ effects: markEffect.of(null) });
      view.dispatch(setDiagnostics(view.state, []));
    }
  };
}

window.DataclipsEditor = { attach };
