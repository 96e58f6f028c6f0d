// Dataclips pages: load a clip's results with a running timer, the rows so far and a cancel button, then its chart
// as wide as the table; the SQL forms' workbench (workbench.js: the editor, draft runs with the same display, the
// schema panel, the parameter rows); the clip page's section named in the address opened; dangerous buttons
// confirmed. No inline script anywhere (CSP). Without JavaScript every form still works.
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
      if (result.querySelector('.result-body[data-state=ok]')) {
        showCharts(result);
      } else if (result.querySelector('.cancelled')) {
        var again = document.createElement('a');
        again.href = window.location.pathname + window.location.search;
        again.textContent = 'Run again';
        result.querySelector('.cancelled').appendChild(document.createTextNode(' '));
        result.querySelector('.cancelled').appendChild(again);
      }
    });
  }

  // The chart above a table, asked for once the table's run has stored the result (so it draws that result instead
  // of running the clip again), and never for a table that failed or has none. It is drawn for the width of the
  // table, so its text and ticks fit; the size is set through the CSSOM, which the CSP allows.
  function showCharts(root) {
    root.querySelectorAll('.chart-holder[data-chart-src]').forEach(function (holder) {
      var width = Math.max(200, Math.min(2400, Math.floor(holder.clientWidth / 10) * 10));
      var height = Math.max(220, Math.min(440, Math.round(width * 0.36)));
      var src = holder.getAttribute('data-chart-src');
      var chart = document.createElement('object');
      chart.className = 'chart';
      chart.type = 'image/svg+xml';
      chart.setAttribute('aria-label', 'Chart of the result');
      chart.style.aspectRatio = width + ' / ' + height;
      chart.data = src + (src.indexOf('?') < 0 ? '?' : '&') + 'width=' + width + '&height=' + height;
      holder.removeAttribute('data-chart-src');
      holder.appendChild(chart);
    });
  }

  // A link to a section of the clip page (#share), or to something inside one, opens it.
  function openFromAddress() {
    var target = window.location.hash.length > 1 && document.getElementById(window.location.hash.slice(1));
    var section = target && (target.matches('details.section') ? target : target.closest('details.section'));
    if (section) {
      section.open = true;
    }
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

  // Underlines in the editor where the database's error (in a results fragment) points.
  function markInEditor(result, editor, focus) {
    var error = result.querySelector('.sql-error[data-error-position]');
    if (error) {
      var position = Number(error.getAttribute('data-error-position'));
      var message = error.querySelector('.db-message');
      editor.markError(position > 0 ? position : null, message ? message.textContent : '', focus);
    }
  }

  // The workbench (workbench.js, loaded before this file where a page has an editor) for each SQL form.
  var editors = Array.prototype.map.call(document.querySelectorAll('textarea[data-sql-editor]'), function (textarea) {
    return window.DataclipsWorkbench ? window.DataclipsWorkbench.attach(textarea, runInto, markInEditor) : null;
  });
  document.querySelectorAll('#result[data-src]').forEach(function (section) { loadResult(section, editors[0]); });
  showCharts(document); // a snapshot's table comes with its page
  openFromAddress();
  window.addEventListener('hashchange', openFromAddress);
  confirmButtons();
}());
