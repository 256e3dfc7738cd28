// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Hide questions whose showIf depends on an answer on the same page, and update as answers change.
  function selectedValues(form, name) {
    var values = [];
    var fields = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if ((f.type === 'radio' || f.type === 'checkbox') ? f.checked : f.value) values.push(f.value);
    }
    return values;
  }
  function update(form) {
    var dependents = form.querySelectorAll('[data-show-if]');
    for (var i = 0; i < dependents.length; i++) {
      var el = dependents[i];
      var wanted = (el.getAttribute('data-show-values') || '').split(' ').filter(Boolean);
      var given = selectedValues(form, el.getAttribute('data-show-if'));
      var show = wanted.length ? given.some(function (v) { return wanted.indexOf(v) >= 0; }) : given.length > 0;
      el.hidden = !show;
      // a hidden question sends nothing: its answer is not kept, as the respondent sees (without this script the
      // server asks them to confirm instead)
      var fields = el.querySelectorAll('input, select, textarea');
      for (var j = 0; j < fields.length; j++) fields[j].disabled = !show;
      var note = el.querySelector('.condition-note');
      if (note) note.hidden = true;
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('qform');
    if (form) {
      update(form);
      form.addEventListener('change', function () { update(form); });
    }
    // a table wider than the screen scrolls inside its wrapper: keyboard users reach it there (WCAG 2.1.1)
    var wraps = document.querySelectorAll('.table-wrap');
    for (var w = 0; w < wraps.length; w++) {
      var wrap = wraps[w];
      if (wrap.scrollWidth <= wrap.clientWidth + 1) continue;
      // named by the table's caption, else by the heading before it
      var caption = wrap.querySelector('caption');
      var label = caption ? caption.textContent.trim() : '';
      var heading = wrap.previousElementSibling;
      while (!label && heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      if (!label) label = heading ? heading.textContent.trim() : document.title;
      wrap.setAttribute('tabindex', '0');
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-label', label);
    }
    var summary = document.getElementById('error-summary') || document.getElementById('confirm-summary');
    if (summary) summary.focus();
  });
})();
