// The clip page's "Use this clip" panel: a Copy button beside each line (hidden in the page, so without JavaScript
// there are none and the text is there to select). A click copies exactly the text shown, with the Clipboard API or,
// where it is missing or refused, by selecting the text and the browser's copy command; the button says "Copied"
// for a moment and the panel's status line (aria-live) says what was copied. No inline script anywhere (CSP).
(function () {
  'use strict';

  var SHOWN_MS = 2000;
  var panel = document.getElementById('share');
  if (!panel) {
    return;
  }
  var status = panel.querySelector('.share-status');

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Selects the element's text and asks the browser to copy the selection; rejects when it would not.
  function copyBySelecting(element) {
    selectText(element);
    var copied = false;
    try {
      copied = document.execCommand('copy');
    } catch (e) {
      copied = false;
    }
    if (copied) {
      window.getSelection().removeAllRanges();
      return Promise.resolve();
    }
    return Promise.reject(new Error('copy refused'));
  }

  function copy(element) {
    var text = element.textContent;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelecting(element); });
    }
    return copyBySelecting(element);
  }

  panel.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) {
      return;
    }
    var label = button.textContent;
    var name = button.getAttribute('aria-label').replace(/^Copy /, '');
    var timer = null;
    button.hidden = false;
    button.addEventListener('click', function () {
      copy(source).then(function () {
        button.textContent = 'Copied';
        button.classList.add('copied');
        status.textContent = 'Copied ' + name + ' to the clipboard.';
        clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = label;
          button.classList.remove('copied');
        }, SHOWN_MS);
      }, function () {
        selectText(source); // left selected: Ctrl-C or Cmd-C copies it
        status.textContent = 'This browser would not copy: the text is selected, press Ctrl-C (Cmd-C) to copy it.';
      });
    });
  });
}());
