// The workbench of the SQL forms (New clip, a clip's Edit section): the editor (CodeMirror, static/vendor/codemirror)
// in place of the SQL text area, with completion from the schema, Ctrl-Enter for a draft run (preview) and Ctrl-S to
// save; the schema panel's filter and click-to-insert; the parameter rows (parameters.js) following the SQL. Loaded
// before dataclips.js, which attaches it to each form and lends it its result display (runInto) and error marking.
// No inline script anywhere (CSP); without JavaScript the form is the plain text area and saves as before.
(function () {
  'use strict';

  var runInto;
  var markInEditor;

  // The database the SQL is written for: the clip's, or the one chosen on the new clip page.
  function currentSource(preview) {
    var select = document.getElementById('source-select');
    return select ? select.value : preview.getAttribute('data-source');
  }

  // The editor in place of the text area (the plain text area where the bundle did not load); answers the editor.
  function workbench(textarea) {
    var form = textarea.form;
    var preview = form.querySelector('.preview');
    var editor = null;
    var run = function () { runPreview(form, preview, editor); };
    var save = function () { form.requestSubmit ? form.requestSubmit() : form.submit(); };
    var rows = form.querySelector('[data-parameter-rows]');
    var parameters = rows && window.DataclipsParameters ? window.DataclipsParameters.attach(rows) : null;
    if (window.DataclipsEditor) {
      editor = window.DataclipsEditor.attach(textarea, { onRun: run, onSave: save, onChange: parameters });
    } else {
      if (parameters) {
        textarea.addEventListener('input', function () { parameters(textarea.value); });
      }
      textarea.addEventListener('keydown', function (event) {
        if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
          event.preventDefault();
          run();
        }
      });
    }
    if (preview) {
      preview.hidden = false;
      preview.querySelector('.run-preview').addEventListener('click', run);
    }
    schemaPanel(editor, preview);
    if (editor && preview) {
      loadCompletion(editor, currentSource(preview));
    }
    return editor;
  }

  function runPreview(form, preview, editor) {
    if (!preview) {
      return;
    }
    var sql = editor ? editor.getValue() : form.querySelector('textarea[name=sql]').value;
    var body = new URLSearchParams();
    body.set('sql', sql);
    body.set('limit', preview.querySelector('.preview-limit').value);
    body.set('_csrf', form.querySelector('input[name=_csrf]').value);
    if (editor) {
      editor.clearError();
    }
    var url = '/sources/' + encodeURIComponent(currentSource(preview)) + '/preview';
    runInto(preview, url, { method: 'POST', body: body }).then(function (result) {
      if (editor) {
        markInEditor(result, editor, true);
      }
    });
  }

  function loadCompletion(editor, source) {
    fetch('/api/v1/sources/' + encodeURIComponent(source) + '/schema', { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (schema) { editor.setSchema(schema); })
      .catch(function () { /* completion of keywords still works */ });
  }

  // The schema panel: a filter box, a click on a table or column name inserts it at the cursor; the panel follows
  // the database chosen on the new clip page.
  function schemaPanel(editor, preview) {
    var panel = document.getElementById('schema');
    if (!panel) {
      return;
    }
    function wire() {
      var filter = panel.querySelector('.schema-filter');
      if (filter) {
        filter.hidden = false;
        filter.addEventListener('input', function () { filterTables(panel, filter.value); });
      }
    }
    panel.addEventListener('click', function (event) {
      var name = event.target.closest('code.insert');
      if (name && editor) {
        event.preventDefault(); // a click on a table's name inserts it rather than opening its columns
        editor.insert(name.textContent);
      }
    });
    wire();
    var select = document.getElementById('source-select');
    if (select) {
      select.addEventListener('change', function () {
        fetch('/sources/' + encodeURIComponent(select.value) + '/schema', { credentials: 'same-origin' })
          .then(function (response) { return response.text(); })
          .then(function (html) { panel.innerHTML = html; wire(); });
        if (editor) {
          loadCompletion(editor, select.value);
        }
      });
    }
  }

  function filterTables(panel, text) {
    var wanted = text.trim().toLowerCase();
    panel.querySelectorAll('.schema-table').forEach(function (table) {
      var columns = table.querySelectorAll('li');
      var tableMatches = table.getAttribute('data-name').toLowerCase().indexOf(wanted) >= 0;
      var anyColumn = false;
      columns.forEach(function (column) {
        var matches = !wanted || tableMatches || column.textContent.toLowerCase().indexOf(wanted) >= 0;
        column.hidden = !matches;
        anyColumn = anyColumn || (matches && !tableMatches);
      });
      table.hidden = !(tableMatches || anyColumn);
      table.open = Boolean(wanted) && anyColumn;
    });
  }

  window.DataclipsWorkbench = {
    attach: function (textarea, display, mark) {
      runInto = display;
      markInEditor = mark;
      return workbench(textarea);
    }
  };
}());
