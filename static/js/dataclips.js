// Dataclips pages: load a clip's results with a running timer, the rows so far and a cancel button; the SQL
// editor's draft runs (preview) with the same display; the schema panel's filter and click-to-insert; dangerous
// buttons confirmed. No inline script anywhere (CSP). Without JavaScript every form still works.
(function () {
  'use strict';

  var PROGRESS = /<!--dataclips-progress rows=(\d+)-->\n/g;

  // Fetches a results fragment into section while showing the elapsed time and the rows the server has counted so
  // far (its progress comments, read as the body streams in). Cancel aborts the request: the server then stops the
  // query on the follower (or, for a run others share, stops only this viewer's part). Resolves with the holder.
  function runInto(section, url, init) {
    var running = section.querySelector('.running');
    var elapsed = section.querySelector('.elapsed');
    var rowsSoFar = section.querySelector('.rows-so-far');
    var cancel = section.querySelector('.cancel');
    var controller = new AbortController();
    var started = performance.now();
    var timer = null;
    if (rowsSoFar) {
      rowsSoFar.textContent = '';
    }
    // Show the timer only for runs that take a moment, so quick clips do not flicker.
    var showTimer = setTimeout(function () {
      running.hidden = false;
      timer = setInterval(function () {
        elapsed.textContent = ((performance.now() - started) / 1000).toFixed(1) + ' s';
      }, 100);
    }, 250);

    function holder() {
      var found = section.querySelector('.result-holder');
      if (!found) {
        found = document.createElement('div');
        found.className = 'result-holder';
        section.appendChild(found);
      }
      return found;
    }

    function done(html) {
      clearTimeout(showTimer);
      clearInterval(timer);
      running.hidden = true;
      cancel.onclick = null;
      holder().innerHTML = html; // server-rendered and escaped by the template engine
      section.setAttribute('data-loaded', 'true');
      return holder();
    }

    function showProgress(text) {
      var match, last = null;
      PROGRESS.lastIndex = 0;
      while ((match = PROGRESS.exec(text)) !== null) {
        last = match[1];
      }
      if (last !== null && rowsSoFar) {
        rowsSoFar.textContent = '· ' + Number(last).toLocaleString('en-US') + (last === '1' ? ' row' : ' rows') + ' so far';
      }
    }

    function readAll(response) {
      if (!response.body || !window.TextDecoder) {
        return response.text();
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var text = '';
      function next() {
        return reader.read().then(function (chunk) {
          if (chunk.done) {
            return text + decoder.decode();
          }
          text += decoder.decode(chunk.value, { stream: true });
          showProgress(text);
          return next();
        });
      }
      return next();
    }

    cancel.onclick = function () {
      controller.abort();
    };
    init = init || {};
    init.signal = controller.signal;
    init.credentials = 'same-origin';
    section.setAttribute('data-loaded', 'false');
    var ok = false;
    return fetch(url, init)
      .then(function (response) { ok = response.ok; return readAll(response); })
      .then(function (html) {
        var result = done(html.replace(PROGRESS, ''));
        result.setAttribute('data-ok', ok ? 'true' : 'false');
        return result;
      })
      .catch(function (error) {
        var p = document.createElement('p');
        p.className = error.name === 'AbortError' ? 'notice cancelled' : 'error-message';
        p.textContent = error.name === 'AbortError'
          ? 'Cancelled after ' + elapsed.textContent + '; the query is being stopped on the database.'
          : 'The results could not be loaded: ' + error.message;
        var result = done('');
        result.appendChild(p);
        result.setAttribute('data-ok', 'false');
        return result;
      });
  }

  // editor: the owner's editor on the page (or null), where a failed run's error position is marked too.
  function loadResult(section, editor) {
    runInto(section, section.getAttribute('data-src')).then(function (result) {
      if (editor) {
        markInEditor(result, editor, false);
      }
      if (result.getAttribute('data-ok') === 'true') {
        showCharts();
      } else if (result.querySelector('.cancelled')) {
        var again = document.createElement('a');
        again.href = window.location.pathname + window.location.search;
        again.textContent = 'Run again';
        result.querySelector('.cancelled').appendChild(document.createTextNode(' '));
        result.querySelector('.cancelled').appendChild(again);
      }
    });
  }

  // The chart is asked for once the table's run has stored the result, so it draws that result instead of
  // starting a second run (or keeping a cancelled one going as its follower).
  function showCharts() {
    document.querySelectorAll('.chart-holder[data-chart-src]').forEach(function (holder) {
      var chart = document.createElement('object');
      chart.className = 'chart';
      chart.type = 'image/svg+xml';
      chart.setAttribute('aria-label', 'Chart of the result');
      chart.data = holder.getAttribute('data-chart-src');
      holder.removeAttribute('data-chart-src');
      holder.appendChild(chart);
    });
  }

  function confirmButtons() {
    document.querySelectorAll('[data-confirm]').forEach(function (button) {
      button.addEventListener('click', function (event) {
        if (!window.confirm(button.getAttribute('data-confirm'))) {
          event.preventDefault();
        }
      });
    });
  }

  // The database the SQL is written for: the clip's, or the one chosen on the new clip page.
  function currentSource(preview) {
    var select = document.getElementById('source-select');
    return select ? select.value : preview.getAttribute('data-source');
  }

  // The editor (CodeMirror, static/vendor/codemirror) in place of the SQL text area, with completion from the
  // schema, Ctrl-Enter for a preview and Ctrl-S to save; the plain text area where the bundle did not load.
  function workbench(textarea) {
    var form = textarea.form;
    var preview = form.querySelector('.preview');
    var editor = null;
    var run = function () { runPreview(form, preview, editor); };
    var save = function () { form.requestSubmit ? form.requestSubmit() : form.submit(); };
    if (window.DataclipsEditor) {
      editor = window.DataclipsEditor.attach(textarea, { onRun: run, onSave: save });
    } else {
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

  // Underlines in the editor where the database's error (in a results fragment) points.
  function markInEditor(result, editor, focus) {
    var error = result.querySelector('.sql-error[data-error-position]');
    if (error) {
      var position = Number(error.getAttribute('data-error-position'));
      var message = error.querySelector('.db-message');
      editor.markError(position > 0 ? position : null, message ? message.textContent : '', focus);
    }
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

  var editors = Array.prototype.map.call(document.querySelectorAll('textarea[data-sql-editor]'), workbench);
  document.querySelectorAll('#result[data-src]').forEach(function (section) { loadResult(section, editors[0]); });
  confirmButtons();
}());
