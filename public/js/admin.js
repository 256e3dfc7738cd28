// Progressive enhancement for the admin pages: without it the questionnaire is pasted into the text area.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var input = document.getElementById('file-input');
    if (!input || !window.FileReader) return;
    var field = document.getElementById('file-field');
    var target = document.getElementById(input.getAttribute('data-fills'));
    var name = document.getElementById(input.getAttribute('data-name'));
    if (field) field.hidden = false;
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file || !target) return;
      var reader = new window.FileReader();
      reader.onload = function () {
        target.value = String(reader.result);
        if (name && !name.value) name.value = file.name;
      };
      reader.readAsText(file);
    });
  });
})();
