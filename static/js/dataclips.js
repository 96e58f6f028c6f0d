// Dataclips pages: load a clip's results with a running timer and a cancel button, confirm dangerous
// buttons, and refresh the table reference when the database changes. No inline script anywhere (CSP).
(function () {
  'use strict';

  function loadResult(section) {
    var running = section.querySelector('.running');
    var elapsed = section.querySelector('.elapsed');
    var cancel = section.querySelector('.cancel');
    var controller = new AbortController();
    var started = performance.now();
    var timer = null;
    // Show the timer only for runs that take a moment, so quick clips do not flicker.
    var showTimer = setTimeout(function () {
      running.hidden = false;
      timer = setInterval(function () {
        elapsed.textContent = ((performance.now() - started) / 1000).toFixed(1) + ' s';
      }, 100);
    }, 250);

    function done(html) {
      clearTimeout(showTimer);
      clearInterval(timer);
      running.hidden = true;
      var holder = section.querySelector('.result-holder') || document.createElement('div');
      holder.className = 'result-holder';
      holder.innerHTML = html; // server-rendered and escaped by the template engine
      section.appendChild(holder);
      section.setAttribute('data-loaded', 'true');
    }

    cancel.addEventListener('click', function () {
      controller.abort(); // closing the request makes the server cancel the query on the follower
    });

    var ok = false;
    fetch(section.getAttribute('data-src'), { signal: controller.signal, credentials: 'same-origin' })
      .then(function (response) { ok = response.ok; return response.text(); })
      .then(function (html) {
        done(html);
        if (ok) {
          showCharts();
        }
      })
      .catch(function (error) {
        var message = error.name === 'AbortError'
          ? 'Cancelled after ' + elapsed.textContent + '; the query is being stopped on the database.'
          : 'The results could not be loaded: ' + error.message;
        var p = document.createElement('p');
        p.className = error.name === 'AbortError' ? 'notice cancelled' : 'error-message';
        p.textContent = message + ' ';
        var again = document.createElement('a');
        again.href = window.location.pathname;
        again.textContent = 'Run again';
        p.appendChild(again);
        done('');
        section.querySelector('.result-holder').appendChild(p);
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

  function schemaFollowsSource() {
    var select = document.getElementById('source-select');
    var panel = document.getElementById('schema');
    if (!select || !panel) {
      return;
    }
    select.addEventListener('change', function () {
      fetch('/sources/' + encodeURIComponent(select.value) + '/schema', { credentials: 'same-origin' })
        .then(function (response) { return response.text(); })
        .then(function (html) { panel.innerHTML = html; });
    });
  }

  document.querySelectorAll('#result[data-src]').forEach(loadResult);
  confirmButtons();
  schemaFollowsSource();
}());
