// The parameter rows of the SQL forms (templates/clips/parameters.html, web.ParameterRows): one row per {{name}} the
// SQL uses, added and removed as the SQL is typed, in the order the SQL first uses them. A row taken away keeps what
// was filled in, should its name come back. Names are found as the server finds them (run.ParameterSql): not inside
// strings, quoted names, dollar quotes or comments. No inline script anywhere (CSP); without JavaScript, saving SQL
// with a new {{name}} brings the form back with its row.
(function () {
  'use strict';

  var WORD = /[A-Za-z0-9_$\u0080-\uffff]/;
  var DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
  var NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

  // The index after the quote opened at i ('…' or "…"; a doubled quote stays inside; backslashes too in E'…').
  function endOfQuoted(sql, i, quote, backslashes) {
    for (var j = i + 1; j < sql.length; j++) {
      if (backslashes && sql[j] === '\\') {
        j++;
      } else if (sql[j] === quote) {
        if (sql[j + 1] !== quote) {
          return j + 1;
        }
        j++;
      }
    }
    return sql.length;
  }

  // The index after the block comment opened at i (they nest, as PostgreSQL's do).
  function endOfComment(sql, i) {
    var depth = 0;
    for (var j = i; j < sql.length - 1; j++) {
      if (sql[j] === '/' && sql[j + 1] === '*') {
        depth++;
        j++;
      } else if (sql[j] === '*' && sql[j + 1] === '/') {
        depth--;
        j++;
        if (depth === 0) {
          return j + 1;
        }
      }
    }
    return sql.length;
  }

  // The {{names}} the SQL uses, each once, in order of first use.
  function names(sql) {
    var found = [];
    var i = 0;
    while (i < sql.length) {
      var c = sql[i];
      if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
        var start = i;
        while (i < sql.length && WORD.test(sql[i])) {
          i++;
        }
        if (i - start === 1 && (c === 'E' || c === 'e') && sql[i] === "'") {
          i = endOfQuoted(sql, i, "'", true);
        }
      } else if (c === "'" || c === '"') {
        i = endOfQuoted(sql, i, c, false);
      } else if (c === '$') {
        DOLLAR_TAG.lastIndex = i;
        var tag = DOLLAR_TAG.exec(sql);
        var close = tag ? sql.indexOf(tag[0], i + tag[0].length) : -1;
        i = !tag ? i + 1 : close < 0 ? sql.length : close + tag[0].length;
      } else if (c === '-' && sql[i + 1] === '-') {
        var newline = sql.indexOf('\n', i);
        i = newline < 0 ? sql.length : newline;
      } else if (c === '/' && sql[i + 1] === '*') {
        i = endOfComment(sql, i);
      } else if (c === '{' && sql[i + 1] === '{') {
        var end = sql.indexOf('}}', i + 2);
        var name = end < 0 ? null : NAME.exec(sql.slice(i + 2, end));
        if (name && found.indexOf(name[1]) < 0) {
          found.push(name[1]);
        }
        i = end < 0 ? sql.length : end + 2;
      } else {
        i++;
      }
    }
    return found;
  }

  function newRow(template, name) {
    var row = template.content.firstElementChild.cloneNode(true);
    row.setAttribute('data-name', name);
    row.querySelector('input[name=p_name]').value = name;
    row.querySelector('.parameter-name').textContent = '{{' + name + '}}';
    return row;
  }

  // The rows of one form's fieldset; answers the function to call with the SQL whenever it changes.
  function attach(fieldset) {
    var list = fieldset.querySelector('.parameter-list');
    var template = fieldset.querySelector('template.parameter-row-template');
    var help = fieldset.querySelector('.parameter-help');
    var parked = {};
    return function update(sql) {
      var shown = {};
      Array.prototype.forEach.call(list.querySelectorAll('.parameter-row'), function (row) {
        shown[row.getAttribute('data-name')] = row;
      });
      names(sql).forEach(function (name, index) {
        var row = shown[name] || parked[name] || newRow(template, name);
        delete shown[name];
        delete parked[name];
        if (list.children[index] !== row) {
          list.insertBefore(row, list.children[index] || null);
        }
      });
      Object.keys(shown).forEach(function (name) {
        parked[name] = shown[name];
        shown[name].remove();
      });
      help.classList.toggle('has-rows', list.children.length > 0);
    };
  }

  window.DataclipsParameters = { attach: attach, names: names };
}());
